using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Survey;

/// <summary>Every fixed sentence of the citizen pages, in Vietnamese and English.</summary>
internal readonly struct Texts(Language language)
{
    private string Say(string vi, string en) => language == Language.En ? en : vi;

    public string Heading => Say("Khảo sát sự hài lòng về giải quyết thủ tục hành chính", "Satisfaction survey on administrative services");
    public string Title(string commune) => Say($"Khảo sát sự hài lòng — {commune}", $"Satisfaction survey — {commune}");
    public string Intro => Say("Phiếu không hỏi họ tên hay số điện thoại. Câu nào không phù hợp, Ông/Bà có thể bỏ qua.",
        "We do not ask for your name or phone number. Skip any statement that does not apply to you.");
    public string Unverified => Say("Phiếu lấy từ mã QR dán tại quầy.", "Survey taken from the QR code posted at the counter.");
    public string FixErrors => Say("Vui lòng xem lại các câu sau (các câu trả lời khác vẫn được giữ nguyên):", "Please check these (your other answers are kept):");
    public string Send => Say("Gửi đánh giá", "Send");
    public string Sending => Say("Đang gửi…", "Sending…");
    public string Retrying => Say("Hệ thống đang bận, đang tự gửi lại…", "The service is busy, retrying…");
    public string Offline => Say("Chưa gửi được do mất kết nối. Vui lòng bấm Gửi đánh giá lần nữa.", "Could not send: the connection dropped. Please press Send again.");
    public string Busy => Say("Hệ thống đang bận nên câu trả lời CHƯA được gửi. Các lựa chọn vẫn được giữ nguyên; vui lòng bấm Gửi đánh giá lại sau ít giây.",
        "The service is busy, so your answers have NOT been sent yet. They are kept below; please press Send again in a few seconds.");
    public string Optional => Say("(không bắt buộc)", "(optional)");
    public string RequiredMark => Say(" (bắt buộc)", " (required)");
    public string Choose => Say("— Chọn —", "— Choose —");
    public string EnterCode => Say("Nhập mã in trên phiếu", "Enter the code printed on the slip");

    public string ThanksTitle => Say("Cảm ơn Ông/Bà!", "Thank you!");
    public string ThanksSent => Say("Đánh giá của Ông/Bà đã được ghi nhận. Ý kiến này giúp Bộ phận Một cửa phục vụ người dân tốt hơn.",
        "Your answers have been recorded. They help the one-stop counter serve people better.");
    public string AlreadyAnswered => Say("Phiếu này đã được trả lời. Mỗi phiếu chỉ được đánh giá một lần. Cảm ơn Ông/Bà!",
        "This slip has already been answered. Each slip can be answered once. Thank you!");
    public string UnknownTitle => Say("Không tìm thấy phiếu khảo sát", "Survey not found");
    public string Unknown => Say("Đường dẫn không đúng hoặc phiếu không tồn tại. Nếu Ông/Bà có phiếu in, hãy nhập mã in trên phiếu.",
        "This link is not valid. If you have a printed slip, enter the code printed on it.");
    public string ExpiredTitle => Say("Phiếu khảo sát đã hết hạn", "This survey has expired");
    public string Expired(string date) => Say($"Phiếu này chỉ nhận đánh giá đến hết ngày {date}. Cảm ơn Ông/Bà đã quan tâm.",
        $"This slip could be answered until {date}. Thank you for your interest.");
    public string RevokedTitle => Say("Phiếu khảo sát không còn hiệu lực", "This survey slip is no longer valid");
    public string Revoked => Say("Phiếu này đã được cán bộ hủy (in nhầm). Cảm ơn Ông/Bà.", "This slip was cancelled by the counter (printed by mistake). Thank you.");
}
