using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>A logger factory that keeps every entry, to assert on what ORT and the binding logged.</summary>
internal sealed class CollectingLoggerFactory : ILoggerFactory
{
    /// <summary>Every entry logged so far, from any thread.</summary>
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
