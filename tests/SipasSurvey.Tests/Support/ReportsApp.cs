using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Features.Demo;

namespace SipasSurvey.Tests.Support;

/// <summary>A test app with demo mode's two quarters of generated responses, for reports.</summary>
public sealed class ReportsApp : TestApp
{
    private bool _generated;

    internal DemoState WithResponses()
    {
        var state = Demo;
        if (_generated) return state;
        DemoResponses.Generate(Services.GetRequiredService<SipasSurvey.Infrastructure.Database.IDatabase>(),
                Services.GetRequiredService<SipasSurvey.Infrastructure.Writes.DatabaseWriter>(),
            Services.GetRequiredService<SipasSurvey.Features.Questionnaires.QuestionnaireCatalog>(),
            Services.GetRequiredService<SipasSurvey.Infrastructure.Security.ServerKeys>(), DateTimeOffset.UtcNow);
        _generated = true;
        return state;
    }
}
