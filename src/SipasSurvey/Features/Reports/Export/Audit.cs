using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Reports.Export;

public static class ExportAudit
{
    /// <summary>Every export is a privileged act: who took which figures, when, from where.</summary>
    public static void Record(IDatabase database, Caller caller, HttpContext http, string target, object details, DateTimeOffset now)
    {
        using var connection = database.Open();
        AuditLog.Write(connection, null, AuditEntry.By(caller, http, "export.download", target, details, now));
    }
}
