using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace SipasSurvey.Bench;

/// <summary>The operations the load generator drives, alone or mixed.</summary>
public sealed class Scenarios(Load load, int concurrency, TimeSpan duration)
{
    public const string Submit = "submit";
    public const string FormOpen = "form.open";
    public const string SlipWithQr = "slip+qr.svg";
    public const string SlipThenQr = "slip,qr.svg";
    public const string Sheet = "sheet(50)";
    public const string SheetWithQr = "sheet(50)+qr.svg";
    public const string CommuneReport = "report.commune";
    public const string DailyReport = "report.daily";
    public const string Ranking = "report.ranking";
    public const string Dashboard = "dashboard.page";

    private readonly string _quarter = Domain.Time.Quarter.Of(Domain.Time.VietnamTime.DateOf(DateTimeOffset.UtcNow)).ToString();

    /// <summary>The current quarter in Vietnam time, which the demo data's reports cover.</summary>
    public string Quarter => _quarter;

    public async Task<(Recorder, double)> SubmitAsync(ConcurrentQueue<string> fresh) =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            if (!fresh.TryDequeue(out var token)) return false;
            var start = Stopwatch.GetTimestamp();
            var status = await Load.SendAsync(load.Http, Load.SubmitRequest(token, Random.Shared));
            recorder.Record(worker, Submit, start, status);
            return true;
        });

    public async Task<(Recorder, double)> FormAsync(IReadOnlyList<string> tokens) =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            var start = Stopwatch.GetTimestamp();
            var status = await Load.SendAsync(load.Http, Load.FormRequest(tokens[Random.Shared.Next(tokens.Count)]));
            recorder.Record(worker, FormOpen, start, status);
            return true;
        });

    /// <summary>One slip after a transaction with its QR code as SVG in the same answer (includeQrSvg).</summary>
    public async Task<(Recorder, double)> SlipAsync() =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            var start = Stopwatch.GetTimestamp();
            int status;
            try
            {
                using var response = await load.Http.SendAsync(load.IssueRequest(load.Counters[Random.Shared.Next(load.Counters.Count)], 1, includeQrSvg: true));
                status = (int)response.StatusCode;
                if (status == 201)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                    if (!json.RootElement.GetProperty("slips")[0].GetProperty("qrSvg").GetString()!.StartsWith("<svg", StringComparison.Ordinal)) status = 0;
                }
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            recorder.Record(worker, SlipWithQr, start, status);
            return true;
        });

    /// <summary>The two-step variant: issue one slip, then fetch its qrSvgUrl.</summary>
    public async Task<(Recorder, double)> SlipThenQrAsync() =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            await IssueOneWithQrAsync(worker, recorder);
            return true;
        });

    /// <summary>A sheet of 50 slips printed in advance; with <paramref name="includeQrSvg"/> every slip's QR comes along.</summary>
    public async Task<(Recorder, double)> SheetAsync(bool includeQrSvg) =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            var start = Stopwatch.GetTimestamp();
            var status = await Load.SendAsync(load.Http, load.IssueRequest(load.Counters[Random.Shared.Next(load.Counters.Count)], 50, includeQrSvg));
            recorder.Record(worker, includeQrSvg ? SheetWithQr : Sheet, start, status);
            return true;
        });

    /// <summary>Reports over a seeded database: random communes and quarters, a share of them province rankings.</summary>
    public async Task<(Recorder, double)> ReportsAsync(IReadOnlyList<string> communes, string province, IReadOnlyList<string> quarters, double rankingShare) =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            var ranking = Random.Shared.NextDouble() < rankingShare;
            var quarter = quarters[Random.Shared.Next(quarters.Count)];
            var start = Stopwatch.GetTimestamp();
            var status = await Load.SendAsync(load.Http, load.ReportRequest(ranking
                ? $"/api/v1/reports/provinces/{province}/ranking?quarter={quarter}"
                : $"/api/v1/reports/communes/{communes[Random.Shared.Next(communes.Count)]}?quarter={quarter}"));
            recorder.Record(worker, ranking ? Ranking : CommuneReport, start, status);
            return true;
        });

    /// <summary>A working morning: forms opened and answered, slips printed one by one and by the sheet, dashboards read.</summary>
    public async Task<(Recorder, double)> MixedAsync(ConcurrentQueue<string> fresh, IReadOnlyList<string> openable) =>
        await Load.RunAsync(concurrency, duration, async (worker, recorder) =>
        {
            var roll = Random.Shared.NextDouble();
            var start = Stopwatch.GetTimestamp();
            switch (roll)
            {
                case < 0.40:
                    recorder.Record(worker, FormOpen, start, await Load.SendAsync(load.Http, Load.FormRequest(openable[Random.Shared.Next(openable.Count)])));
                    break;
                case < 0.70 when fresh.TryDequeue(out var token):
                    recorder.Record(worker, Submit, start, await Load.SendAsync(load.Http, Load.SubmitRequest(token, Random.Shared)));
                    break;
                case < 0.85:
                    await IssueOneWithQrAsync(worker, recorder);
                    break;
                case < 0.87:
                    recorder.Record(worker, Sheet, start, await Load.SendAsync(load.Http, load.IssueRequest(load.Counters[Random.Shared.Next(load.Counters.Count)], 50)));
                    break;
                case < 0.92:
                    recorder.Record(worker, CommuneReport, start, await Load.SendAsync(load.Http, load.ReportRequest($"/api/v1/reports/communes/{load.CommuneCode}?quarter={_quarter}")));
                    break;
                case < 0.95:
                    recorder.Record(worker, Dashboard, start, await Load.SendAsync(load.Http, load.DashboardRequest()));
                    break;
                case < 0.98:
                    recorder.Record(worker, DailyReport, start, await Load.SendAsync(load.Http, load.ReportRequest($"/api/v1/reports/communes/{load.CommuneCode}/daily")));
                    break;
                default:
                    recorder.Record(worker, Ranking, start, await Load.SendAsync(load.Http, load.ReportRequest($"/api/v1/reports/provinces/01/ranking?quarter={_quarter}")));
                    break;
            }
            return true;
        });

    private async Task IssueOneWithQrAsync(int worker, Recorder recorder)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = load.IssueRequest(load.Counters[Random.Shared.Next(load.Counters.Count)], 1);
        int status;
        try
        {
            using var response = await load.Http.SendAsync(request);
            status = (int)response.StatusCode;
            if (status == 201)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                var svg = new Uri(json.RootElement.GetProperty("slips")[0].GetProperty("qrSvgUrl").GetString()!).PathAndQuery;
                using var qr = await load.Http.GetAsync(svg);
                await qr.Content.ReadAsByteArrayAsync();
                status = (int)qr.StatusCode;
            }
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        recorder.Record(worker, SlipThenQr, start, status);
    }
}
