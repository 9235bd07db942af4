using System.Text;
using Dapper;
using SipasSurvey.Features.Units.Import;
using SipasSurvey.Tests.Support;
using Data = SipasSurvey.Features.Units.Import.Data;

namespace SipasSurvey.Tests.Features.Units;

public sealed class ImportTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public ImportTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private static readonly HashSet<string> Provinces = ["01", "79"];

    private static (UnitFile? File, IReadOnlyList<SipasSurvey.Domain.ImportProblem> Problems) Parse(string csv) =>
        UnitCsv.Parse(new StringReader(csv), "units.csv", Provinces, UnitCsv.TwoTierReformDate);

    [Fact]
    public void The_shipped_hanoi_list_has_126_units_51_wards_and_75_communes()
    {
        using var connection = _app.Database.Open();

        Assert.Equal(126, connection.ExecuteScalar<long>("SELECT count(*) FROM communes WHERE province_code = '01'"));
        Assert.Equal(51, connection.ExecuteScalar<long>("SELECT count(*) FROM communes WHERE province_code = '01' AND unit_type = 'phuong'"));
        Assert.Equal(75, connection.ExecuteScalar<long>("SELECT count(*) FROM communes WHERE province_code = '01' AND unit_type = 'xa'"));
        Assert.Equal("Phường Phú Lương", connection.ExecuteScalar<string>("SELECT name FROM communes WHERE code = '09568'"));
        Assert.Equal("Xã Hoài Đức", connection.ExecuteScalar<string>("SELECT name FROM communes WHERE code = '09832'"));
        Assert.Equal("2025-07-01", connection.ExecuteScalar<string>("SELECT valid_from FROM communes WHERE code = '00070'"));
        Assert.Equal(34, connection.ExecuteScalar<long>("SELECT count(*) FROM provinces"));
    }

    [Theory]
    [InlineData("0007,Phường Lạ,phuong,01", "line 2", "ma_xa '0007' is not a 5-digit commune code")]
    [InlineData("0007A,Phường Lạ,phuong,01", "line 2", "ma_xa '0007A' is not a 5-digit commune code")]
    [InlineData("00070,Phường A,phuong,01\n00070,Phường B,phuong,01", "line 3", "duplicate commune code 00070 (first on line 2)")]
    [InlineData("99991,Xã Lạ,xa,45", "line 2", "unknown province 45")]
    [InlineData("99991,Xã Lạ,xa,1", "line 2", "ma_tinh '1' is not a 2-digit province code")]
    [InlineData("99991,Xã Lạ,huyen,01", "line 2", "loai 'huyen' is not a unit type")]
    [InlineData("99991,,xa,01", "line 2", "ten (name) is empty")]
    public void A_bad_line_is_reported_with_its_number(string rows, string line, string message)
    {
        var (file, problems) = Parse("ma_xa,ten,loai,ma_tinh\n" + rows);

        Assert.Null(file);
        Assert.Contains(problems, p => p.File == "units.csv" && p.Location == line && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validity_dates_are_checked()
    {
        var (_, problems) = Parse("ma_xa,ten,loai,ma_tinh,hieu_luc_tu,hieu_luc_den\n99991,Xã A,xa,01,2025-07-01,2025-06-30\n99992,Xã B,xa,01,1/7/2025,");

        Assert.Contains(problems, p => p.Location == "line 2" && p.Message.Contains("is not after hieu_luc_tu"));
        Assert.Contains(problems, p => p.Location == "line 3" && p.Message.Contains("is not a date"));
    }

    [Fact]
    public void A_file_with_one_bad_line_at_the_end_writes_nothing()
    {
        var file = Path.Combine(_app.DataDirectory, "bad-units.csv");
        var rows = Enumerable.Range(1, 50).Select(i => $"8{i:D4},Xã Thử {i},xa,01").Append("80051,Xã Cuối,xa,99");
        File.WriteAllText(file, "ma_xa,ten,loai,ma_tinh\n" + string.Join('\n', rows), Encoding.UTF8);
        var before = CountCommunes();

        var code = Command.Run(_app.Services, new FileInfo(file), UnitCsv.TwoTierReformDate, TextWriter.Null, TextWriter.Null);

        Assert.Equal(2, code);
        Assert.Equal(before, CountCommunes());
    }

    [Fact]
    public void A_rename_keeps_the_old_name_in_history()
    {
        var (file, problems) = UnitCsv.Parse(
            new StringReader("ma_xa,ten,loai,ma_tinh,hieu_luc_tu\n00082,Phường Cửa Nam Mới,phuong,01,2026-01-01"),
            "rename.csv", Data.ProvinceCodes(_app.Database), UnitCsv.TwoTierReformDate);
        Assert.Empty(problems);

        var summary = Data.Write(_app.Database, file!, "rename.csv", Operator).Summary!;

        Assert.Equal(1, summary.CommunesChanged);
        using var connection = _app.Database.Open();
        Assert.Equal("Phường Cửa Nam Mới", connection.ExecuteScalar<string>("SELECT name FROM communes WHERE code = '00082'"));
        var history = connection.QuerySingle<(string Name, string ValidFrom, string ValidTo)>(
            "SELECT name, valid_from, valid_to FROM commune_name_history WHERE commune_code = '00082'");
        Assert.Equal(("Phường Cửa Nam", "2025-07-01", "2026-01-01"), history);
    }

    [Fact]
    public void Reimporting_the_same_list_changes_nothing()
    {
        var path = Path.Combine(TempFolder.Samples, "units", "hanoi-communes-2025.csv");
        var (file, _) = UnitCsv.Parse(new StreamReader(path), "hanoi.csv", Data.ProvinceCodes(_app.Database), UnitCsv.TwoTierReformDate);

        var summary = Data.Write(_app.Database, file!, "hanoi.csv", Operator).Summary!;

        Assert.Equal(0, summary.CommunesAdded);
        Assert.True(summary.CommunesUnchanged >= 125);
    }

    private static readonly SipasSurvey.Features.Admin.Audit.AuditEntry Operator =
        SipasSurvey.Features.Admin.Audit.AuditEntry.ByOperator("unit.import", null, null, DateTimeOffset.UtcNow);

    private long CountCommunes()
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM communes");
    }
}
