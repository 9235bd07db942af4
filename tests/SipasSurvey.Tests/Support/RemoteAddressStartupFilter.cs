using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SipasSurvey.Tests.Support;

/// <summary>
/// TestServer has no socket, so no client address. This gives every test request one, as Kestrel
/// would: 203.0.113.7 (a documentation address) unless the test names another in X-Test-Remote-IP.
/// </summary>
public sealed class RemoteAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Remote-IP";
    public static readonly IPAddress Default = IPAddress.Parse("203.0.113.7");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address)
                ? address
                : Default;
            return nextMiddleware(context);
        });
        next(app);
    };
}
