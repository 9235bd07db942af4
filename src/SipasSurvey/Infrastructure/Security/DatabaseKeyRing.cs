using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SipasSurvey.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's data-protection keys (what session and antiforgery cookies are sealed with) in the
/// database's data_protection_keys table, for a shared engine: every app server reads the same key
/// ring, so a cookie issued by one is honoured by all. On SQLite they stay in the data folder.
/// </summary>
internal sealed class DatabaseKeyRing(IDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name")
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now) ON CONFLICT (friendly_name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = DateTimeOffset.UtcNow });
    }
}
