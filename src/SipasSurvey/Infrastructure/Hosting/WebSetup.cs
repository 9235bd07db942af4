using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
using SipasSurvey.Web;

namespace SipasSurvey.Infrastructure.Hosting;

public static class WebSetup
{
    public static WebApplicationBuilder AddSipasWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddFastEndpoints();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SipasSurvey API",
                Version = "v1",
                Description = "Citizen-satisfaction surveys at one-stop counters: slips, responses and SIPAS reports. " +
                              "Errors are RFC 9457 problem details.",
            };
            return Task.CompletedTask;
        }));
        // Let in-flight writes finish on shutdown (the submission writer drains its queue).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        return builder;
    }

    public static WebApplication UseSipasWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(FriendlyStatusPages.WriteAsync);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RouteValuesGuard>();
        app.UseSipasSecurity();
        app.UseFastEndpoints(c =>
        {
            c.Errors.UseProblemDetails();
            c.Serializer.Options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Vietnamese stays readable UTF-8 ("Phường Hoàn Kiếm", not "Ph\u01b0\u1eddng"); JSON responses are never embedded in HTML.
            c.Serializer.Options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}

/// <summary>Unhandled exceptions become problem details (JSON) or a friendly page (browsers), never a stack trace.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            ServiceUnavailableException busy => (503, "Service temporarily unavailable", busy.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            // The form and multipart readers' word for a body they cannot decode (a NUL, a broken boundary…).
            InvalidDataException => (400, "Bad request", "The request body could not be read as a form: " + exception.Message),
            _ => (500, "Unexpected error", "The request could not be completed. It has been logged."),
        };
        if (status == 500) logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, Paths.ForLogs(context.Request.Path));
        else logger.LogWarning("{Status} on {Method} {Path}: {Reason}", status, context.Request.Method, Paths.ForLogs(context.Request.Path), exception.Message);
        if (exception is ServiceUnavailableException unavailable)
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.StatusCode = status;
        if (FriendlyStatusPages.WantsHtml(context))
        {
            await FriendlyStatusPages.WritePageAsync(context, status);
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
internal static class FriendlyStatusPages
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
