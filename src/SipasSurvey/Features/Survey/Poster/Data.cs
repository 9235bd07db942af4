using System.Security.Cryptography;
using System.Text;
using SipasSurvey.Domain.Slips;

namespace SipasSurvey.Features.Survey.Poster;

internal sealed class PosterCounter
{
    public long Id { get; init; }
    public string CommuneCode { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public byte[] PosterSeed { get; init; } = [];
}

internal static class Data
{
    /// <summary>The counter, when it is active, in poster mode, and the token is its current poster token.</summary>
    public static PosterCounter? Find(IDatabase database, byte[] tokenKey, long counterId, string token)
    {
        if (!SlipSecrets.LooksLikeToken(token)) return null;
        using var connection = database.Open();
        var counter = connection.QuerySingleOrDefault<PosterCounter>(
            """
            SELECT c.id, c.commune_code, m.province_code, c.poster_seed
            FROM counters c JOIN communes m ON m.code = c.commune_code
            WHERE c.id = @counterId AND c.poster_enabled = 1 AND c.active = 1 AND c.poster_seed IS NOT NULL
            """, new { counterId });
        if (counter is null) return null;
        var expected = Encoding.ASCII.GetBytes(SlipSecrets.PosterToken(tokenKey, counter.PosterSeed));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token)) ? counter : null;
    }
}
