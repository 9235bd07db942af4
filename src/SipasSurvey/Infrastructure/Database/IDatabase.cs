using System.Data.Common;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// The seam between features and the storage engine: features ask for an open connection and
/// run their own SQL through Dapper. SQLite is the embedded default; a PostgreSQL implementation
/// plugs in here for multi-server deployments.
/// </summary>
public interface IDatabase
{
    /// <summary>A new pooled connection for one unit of work; dispose it when done.</summary>
    DbConnection Open();

    /// <summary>Where the data lives, for logs and health output (never credentials).</summary>
    string Describe();
}
