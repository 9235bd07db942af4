using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SipasSurvey.Tests.Support;

/// <summary>The app on a real Kestrel socket (127.0.0.1, a free port), for a real browser to talk to.</summary>
public sealed class LiveApp : TestApp
{
    public LiveApp()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        ClientOptions.BaseAddress = BaseAddress;
    }

    public Uri BaseAddress { get; }
}
