using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Features.Demo;

namespace SipasSurvey.Tests.Support;

public static class ReportsAppData
{
    private static readonly object Gate = new();

    /// <summary>Demo mode's generated responses in any test app (once per database).</summary>
    public static void EnsureResponses(TestApp app)
    {
        lock (Gate)
        {
            _ = app.Demo;
            DemoResponses.Generate(app.Services.GetRequiredService<SipasSurvey.Infrastructure.Database.IDatabase>(),
                app.Services.GetRequiredService<SipasSurvey.Infrastructure.Writes.DatabaseWriter>(),
                app.Services.GetRequiredService<SipasSurvey.Features.Questionnaires.QuestionnaireCatalog>(),
                app.Services.GetRequiredService<SipasSurvey.Infrastructure.Security.ServerKeys>(), DateTimeOffset.UtcNow);
        }
    }
}
