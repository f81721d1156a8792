using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// The process-wide environment outlives the host whose logger factory it was given (a test process starts and stops
/// several hosts; a service may stop its host before the last session is freed). Once that factory is disposed,
/// new loggers come from <see cref="NullLoggerFactory"/> instead of throwing, and loggers already made keep working
/// as far as their provider allows.
/// </summary>
internal sealed class OutlivingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private volatile bool disposed;

    /// <summary>The host's factory.</summary>
    public ILoggerFactory Inner { get; } = inner;

    public ILogger CreateLogger(string categoryName)
    {
        if (!disposed)
        {
            try
            {
                return Inner.CreateLogger(categoryName);
            }
            catch (ObjectDisposedException)
            {
                disposed = true;
            }
        }

        return NullLoggerFactory.Instance.CreateLogger(categoryName);
    }

    public void AddProvider(ILoggerProvider provider) => Inner.AddProvider(provider);

    // The environment does not own the host's factory.
    public void Dispose()
    {
    }
}
