using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SipasSurvey.Tests.Support;

/// <summary>Warnings and errors the app logged, so a failing test can say what went wrong inside.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private static readonly object ErrorFile = new();

    public ConcurrentQueue<string> Entries { get; } = new();

    /// <summary>Warning by default; lower it to see everything the app's own filter rules let through.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Warning;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries, this);

    public void Dispose() { }

    public override string ToString() => string.Join("\n", Entries);

    private sealed class Logger(string category, ConcurrentQueue<string> entries, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var entry = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            entries.Enqueue(entry);
            // SIPAS_TEST_ERROR_LOG=path collects every app error of a run in one file, for a look after it.
            if (logLevel >= LogLevel.Error && Environment.GetEnvironmentVariable("SIPAS_TEST_ERROR_LOG") is { Length: > 0 } path)
                lock (ErrorFile) File.AppendAllText(path, entry + "\n\n");
        }
    }
}
