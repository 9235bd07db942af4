namespace SipasSurvey.Domain.Sipas;

/// <summary>Short Vietnamese names of the five SIPAS service components, for table headers (the full name goes in a tooltip).</summary>
internal static class ComponentNames
{
    private static readonly Dictionary<string, string> Short = new(StringComparer.Ordinal)
    {
        ["TIEP_CAN"] = "Tiếp cận",
        ["THU_TUC"] = "Thủ tục",
        ["CONG_CHUC"] = "Công chức",
        ["KET_QUA"] = "Kết quả",
        ["PHAN_ANH"] = "Phản ánh",
    };

    private static readonly string[] SipasOrder = ["TIEP_CAN", "THU_TUC", "CONG_CHUC", "KET_QUA", "PHAN_ANH"];

    /// <summary>Component ids in the SIPAS form's order (access, procedure, civil servant, result, feedback), any others after them by id.</summary>
    public static List<string> InSipasOrder(IEnumerable<string> ids) =>
        ids.Distinct().OrderBy(id => Array.IndexOf(SipasOrder, id) is var i and >= 0 ? i : SipasOrder.Length).ThenBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>The short name of a SIPAS component, or the questionnaire's own label for any other.</summary>
    public static string ShortLabel(string id, string label) => Short.GetValueOrDefault(id) ?? label;
}
