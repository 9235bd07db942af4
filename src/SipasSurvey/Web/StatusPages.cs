using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace SipasSurvey.Web;

/// <summary>Unhandled exceptions become problem details (JSON) or a friendly page (browsers), never a stack trace.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, IDatabase database, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a caller is asked to wait when the database itself is unreachable, read-only or full.</summary>
    private static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // A read or a side write (a rate-limit count, a session touch) that met a database outage is the
        // outage, not a bug: 503 with Retry-After, like the write path's own refusal.
        // (Only a DbException: a request body cut off or too large is an IOException too, and stays a 4xx.)
        if (exception is System.Data.Common.DbException && database.Classify(exception).IsStorage())
        {
            if (database.Classify(exception) == DatabaseFailure.Unavailable) database.ConnectionsLost();
            exception = new ServiceUnavailableException("The database is unavailable for a moment; try again shortly.", StorageRetryAfter, exception);
        }
        var (status, title, detail) = exception switch
        {
            ServiceUnavailableException busy => (503, "Service temporarily unavailable", busy.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            // The form and multipart readers' word for a body they cannot decode (a NUL, a broken boundary…).
            InvalidDataException => (400, "Bad request", "The request body could not be read as a form: " + exception.Message),
            _ => (500, "Unexpected error", "The request could not be completed. It has been logged."),
        };
        if (status == 500) logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, SiteRoutes.ForLogs(context.Request.Path));
        else logger.LogWarning("{Status} on {Method} {Path}: {Reason}", status, context.Request.Method, SiteRoutes.ForLogs(context.Request.Path), exception.Message);
        if (exception is ServiceUnavailableException unavailable)
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.StatusCode = status;
        if (StatusPages.WantsHtml(context))
        {
            await StatusPages.WritePageAsync(context, status);
            return true;
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>Bare status codes (unknown route, 405…) get a body: problem details for APIs, a short Vietnamese page for people.</summary>
internal static class StatusPages
{
    public static bool WantsHtml(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static async Task WriteAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        if (WantsHtml(context))
        {
            await WritePageAsync(context, context.Response.StatusCode);
            return;
        }
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context });
    }

    public static Task WritePageAsync(HttpContext context, int status)
    {
        var (title, text) = status switch
        {
            403 => ("Không có quyền truy cập", "Tài khoản của Ông/Bà không được phép xem trang này."),
            404 => ("Không tìm thấy trang", "Địa chỉ này không tồn tại. Vui lòng kiểm tra lại đường dẫn."),
            405 => ("Thao tác không được hỗ trợ", "Trang này không hỗ trợ thao tác vừa thực hiện."),
            413 => ("Nội dung quá lớn", "Nội dung gửi lên quá lớn. Vui lòng rút ngắn và thử lại."),
            429 => ("Quá nhiều yêu cầu", "Vui lòng đợi một lát rồi thử lại."),
            503 => ("Hệ thống đang bận", "Hệ thống đang bận trong giây lát. Vui lòng thử lại sau ít phút; câu trả lời của Ông/Bà chưa được gửi."),
            >= 500 => ("Đã có lỗi xảy ra", "Rất tiếc, đã có lỗi xảy ra. Vui lòng thử lại sau."),
            _ => ("Yêu cầu không hợp lệ", "Yêu cầu không hợp lệ. Vui lòng thử lại."),
        };
        var body = new HtmlBuilder().Add($"<h1>{title}</h1><p>{text}</p><p><a href=\"/\">Về trang chủ</a></p>").ToHtml();
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Layout.Document("vi", title, body));
    }
}
