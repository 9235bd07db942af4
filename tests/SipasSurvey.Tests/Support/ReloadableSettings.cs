using Microsoft.Extensions.Configuration;

namespace SipasSurvey.Tests.Support;

/// <summary>Configuration a test changes while the app runs, as an operator edits appsettings.json.</summary>
public sealed class ReloadableSettings : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Change(string key, string? value)
    {
        Data[key] = value;
        OnReload();
    }
}
