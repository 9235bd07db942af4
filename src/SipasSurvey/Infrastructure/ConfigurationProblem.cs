namespace SipasSurvey.Infrastructure;

/// <summary>
/// A setting the service cannot start with (an unknown provider, a missing or malformed connection
/// string): the entry points print its message as one line and exit 1, without a stack trace.
/// </summary>
internal sealed class ConfigurationProblem(string message) : Exception(message);
