using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SipasSurvey.Tests.Support;

/// <summary>The app on a real Kestrel socket (127.0.0.1, a free port), for a real browser to talk to.</summary>
public sealed class LiveApp : TestApp
{
    public LiveApp()
    {
        // The port is chosen first, so slip links (Sipas:PublicBaseUrl) point at this very server.
        var port = FreePort();
        PublicBaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        ClientOptions.BaseAddress = BaseAddress;
    }

    public Uri BaseAddress { get; }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
