namespace SipasSurvey.Tests.Features.Questionnaires;

/// <summary>
/// The published item wording, transcribed independently of the sample files: the Bộ Nội vụ SIPAS
/// form (service part, items 15–33) and Hà Nội's "Mẫu số 02" (Phường Phú Lương).
/// </summary>
public static class PublishedWording
{
    public static readonly (string Component, string Item, string Text)[] Sipas =
    [
        ("TIEP_CAN", "TC1", "Cơ quan cung cấp thông tin về việc giải quyết thủ tục hành chính theo nhiều hình thức, dễ tiếp cận, dễ hiểu đối với mọi người dân."),
        ("TIEP_CAN", "TC2", "Trụ sở cơ quan tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính có biển hiệu, hướng dẫn rõ ràng, dễ thấy."),
        ("TIEP_CAN", "TC3", "Trụ sở cơ quan tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính sạch sẽ, văn minh."),
        ("TIEP_CAN", "TC4", "Trang thiết bị phục vụ người dân đầy đủ, chất lượng tốt, giúp người dân giải quyết công việc dễ dàng hơn."),
        ("THU_TUC", "TT1", "Quy định thủ tục hành chính được niêm yết công khai tại trụ sở cơ quan, dễ thấy, dễ hiểu."),
        ("THU_TUC", "TT2", "Thành phần hồ sơ người dân phải nộp là đúng quy định."),
        ("THU_TUC", "TT3", "Mức phí/lệ phí người dân phải nộp là đúng quy định."),
        ("THU_TUC", "TT4", "Thời hạn giải quyết thủ tục hành chính cho người dân là đúng quy định."),
        ("CONG_CHUC", "CC1", "Công chức có thái độ giao tiếp lịch sự, tôn trọng đối với người dân."),
        ("CONG_CHUC", "CC2", "Công chức cung cấp thông tin, trả lời kịp thời, đầy đủ các câu hỏi, ý kiến của người dân."),
        ("CONG_CHUC", "CC3", "Công chức hướng dẫn hồ sơ dễ hiểu, đảm bảo người dân có thể hoàn thiện hồ sơ sau một lần hướng dẫn."),
        ("CONG_CHUC", "CC4", "Công chức tuân thủ đúng quy định trong giải quyết công việc cho người dân."),
        ("CONG_CHUC", "CC5", "Công chức tận tình đối với người dân trong quá trình giải quyết công việc."),
        ("KET_QUA", "KQ1", "Kết quả giải quyết thủ tục hành chính được trả đúng hẹn."),
        ("KET_QUA", "KQ2", "Kết quả giải quyết thủ tục hành chính có thông tin đầy đủ, chính xác."),
        ("KET_QUA", "KQ3", "Kết quả giải quyết thủ tục hành chính đảm bảo tính công bằng."),
        ("PHAN_ANH", "PA1", "Cơ quan có bố trí hình thức tiếp nhận phản ánh, kiến nghị, giúp người dân phản ánh, kiến nghị dễ dàng."),
        ("PHAN_ANH", "PA2", "Cơ quan tiếp nhận, xử lý phản ánh, kiến nghị của người dân đúng quy định."),
        ("PHAN_ANH", "PA3", "Cơ quan thông báo kết quả xử lý phản ánh, kiến nghị cho người dân kịp thời."),
    ];

    public static readonly (string Component, string Item, string Text)[] HanoiForm02 =
    [
        ("CONG_CHUC", "CC1", "Công chức có thái độ giao tiếp lịch sự."),
        ("CONG_CHUC", "CC2", "Công chức trả lời, giải thích, hướng dẫn kê khai hồ sơ tận tình, chu đáo, dễ hiểu."),
        ("CONG_CHUC", "CC3", "Công chức tuân thủ đúng quy định trong giải quyết công việc."),
        ("KET_QUA", "KQ1", "Kết quả mà Ông/Bà nhận được là đúng quy định (kết quả có thể là được cấp giấy tờ hoặc bị từ chối cấp giấy tờ)."),
        ("KET_QUA", "KQ2", "Kết quả mà Ông/Bà nhận được có thông tin đầy đủ, chính xác."),
        ("PHAN_ANH", "PA1", "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị của người dân, tổ chức."),
        ("PHAN_ANH", "PA2", "Ông/Bà dễ dàng thực hiện góp ý, phản ánh, kiến nghị."),
        ("PHAN_ANH", "PA3", "Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị của Ông/Bà."),
        ("PHAN_ANH", "PA4", "Cơ quan thông báo kịp thời kết quả xử lý các ý kiến góp ý, phản ánh, kiến nghị cho Ông/Bà."),
    ];
}
