namespace SipasSurvey.Tests.Support;

/// <summary>The app on a real Kestrel socket (127.0.0.1, a free port), for a real browser to talk to.</summary>
public sealed class LiveApp : TestApp
{
    public LiveApp()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;
}
