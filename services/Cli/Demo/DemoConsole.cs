using System.Globalization;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// The demo's live output: lines of events, and one status line that a terminal redraws in place (elsewhere it is
/// written as a line every few seconds, so logs stay readable).
/// </summary>
internal sealed class DemoConsole(TextWriter writer, bool interactive, TimeProvider time)
{
    private static readonly TimeSpan PlainStatusEvery = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly DateTimeOffset _start = time.GetUtcNow();
    private string? _status;
    private DateTimeOffset _lastPlainStatus = DateTimeOffset.MinValue;

    /// <summary>Time since the demo started, as <c>m:ss</c>.</summary>
    public string Clock
    {
        get
        {
            var elapsed = time.GetUtcNow() - _start;
            return string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}");
        }
    }

    public TimeSpan Elapsed => time.GetUtcNow() - _start;

    /// <summary>Writes an event line, stamped with the demo's clock.</summary>
    public void Line(string text) => Raw($"[{Clock}] {text}");

    /// <summary>Writes a line as it is (continuations, the summary).</summary>
    public void Raw(string text)
    {
        lock (_gate)
        {
            if (interactive && _status is not null)
            {
                writer.Write("\r\u001b[K");
            }

            writer.WriteLine(text);
            if (interactive && _status is not null)
            {
                writer.Write(_status);
            }

            writer.Flush();
        }
    }

    /// <summary>Replaces the status line.</summary>
    public void Status(string text)
    {
        lock (_gate)
        {
            var line = $"[{Clock}] {text}";
            if (interactive)
            {
                _status = line;
                writer.Write("\r\u001b[K" + line);
                writer.Flush();
            }
            else if (time.GetUtcNow() - _lastPlainStatus >= PlainStatusEvery)
            {
                _lastPlainStatus = time.GetUtcNow();
                writer.WriteLine(line);
                writer.Flush();
            }
        }
    }

    /// <summary>Removes the status line (before the summary).</summary>
    public void ClearStatus()
    {
        lock (_gate)
        {
            if (interactive && _status is not null)
            {
                writer.Write("\r\u001b[K");
                writer.Flush();
            }

            _status = null;
        }
    }
}
