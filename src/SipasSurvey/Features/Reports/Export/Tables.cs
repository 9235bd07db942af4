namespace SipasSurvey.Features.Reports.Export;

/// <summary>Report figures as export tables: percentages with two decimals the Vietnamese way ("86,50%").</summary>
internal static class Tables
{
    public static ExportTable Commune(CommuneReport report)
    {
        IEnumerable<object?[]> Rows()
        {
            yield return ["Tổng hợp", "", "", $"{report.CommuneName} ({report.CommuneCode}), {report.Period}", report.Responses, Vietnamese.Percent(report.ServiceIndex), "", "", report.LowSample ? "Có" : ""];
            yield return ["Số phiếu phát", "", "", "Tỷ lệ phản hồi", report.SlipsIssued, Vietnamese.Percent(report.ResponseRate), Vietnamese.Percent(report.ResponseRateCi95Low), Vietnamese.Percent(report.ResponseRateCi95High), ""];
            yield return ["Điểm trung bình", "", "", "Thang 1–5", report.Responses, Vietnamese.Number(report.MeanScore), "", "", ""];
            yield return ["Tỷ lệ không hài lòng", "", "", "Mức 1–2", report.Responses, Vietnamese.Percent(report.DissatisfiedShare), "", "", ""];
            foreach (var c in report.Components)
                yield return ["Yếu tố", c.Id, "", c.Label, c.Answers, Vietnamese.Percent(c.Index), "", "", ""];
            foreach (var i in report.Items)
                yield return ["Tiêu chí", i.Id, i.QuestionnaireVersion, i.Text, i.Answers, Vietnamese.Percent(i.Rate), Vietnamese.Percent(i.Ci95Low), Vietnamese.Percent(i.Ci95High), i.LowSample ? "Có" : ""];
        }
        return new ExportTable("bao-cao", ["Loại", "Mã", "Phiên bản phiếu", "Nội dung", "Số câu trả lời", "Tỷ lệ / chỉ số", "KTC 95% thấp", "KTC 95% cao", "Mẫu nhỏ (< 30)"], Rows());
    }

    public static ExportTable Ranking(RankingReport report)
    {
        var components = report.Rows.SelectMany(r => r.Components.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var header = new List<string> { "Xếp hạng", "Mã xã/phường", "Tên", "Số phản hồi", "Số phiếu phát", "Tỷ lệ phản hồi", "Chỉ số hài lòng" };
        header.AddRange(components);
        header.Add("Mẫu nhỏ (< 30)");
        // Added columns (the ones before keep their names and places): what the rank compares, and on which components.
        header.AddRange(["Điểm so sánh", "Thành phần so sánh", "Phiếu khảo sát"]);
        var compared = string.Join(" ", report.ComparedComponents);
        IEnumerable<object?[]> Rows() => report.Rows.Select(r =>
        {
            var row = new List<object?> { r.RankLabel ?? "—", r.CommuneCode, r.Name, r.Responses, r.SlipsIssued, Vietnamese.Percent(r.ResponseRate), Vietnamese.Percent(r.ServiceIndex) };
            row.AddRange(components.Select(c => (object?)Vietnamese.Percent(r.Components.GetValueOrDefault(c))));
            row.Add(r.LowSample ? "Có" : "");
            row.AddRange([Vietnamese.Percent(r.ComparedIndex), r.Responses > 0 ? compared : "", string.Join(" ", r.QuestionnaireVersions)]);
            return row.ToArray();
        });
        return new ExportTable("xep-hang", header, Rows());
    }
}
