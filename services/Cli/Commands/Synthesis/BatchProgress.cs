using System.Globalization;

namespace VoiceFleet.Cli.Commands.Synthesis;

/// <summary>How one batch task ended.</summary>
internal enum BatchOutcome
{
    Done,
    Skipped,
    Failed,
}

/// <summary>
/// The counts of a batch run and how they are shown on standard error: a bar redrawn in place when it is a terminal,
/// otherwise a plain line every tenth of the run. Safe to call from the parallel tasks.
/// </summary>
internal sealed class BatchProgress(TextWriter error, int total, bool interactive, TimeProvider time)
{
    private const int BarWidth = 24;

    private readonly Lock _gate = new();
    private readonly long _start = time.GetTimestamp();
    private readonly int _step = Math.Max(1, (int)Math.Ceiling(total / 10.0));
    private bool _barShown;

    public int Done { get; private set; }

    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Seconds of audio written by the tasks done.</summary>
    public double AudioSeconds { get; private set; }

    public TimeSpan Elapsed => time.GetElapsedTime(_start);

    private int Finished => Done + Skipped + Failed;

    /// <summary>Counts a finished task and shows the progress.</summary>
    public void Count(BatchOutcome outcome, double audioSeconds = 0)
    {
        lock (_gate)
        {
            switch (outcome)
            {
                case BatchOutcome.Done:
                    Done++;
                    AudioSeconds += audioSeconds;
                    break;
                case BatchOutcome.Skipped:
                    Skipped++;
                    break;
                default:
                    Failed++;
                    break;
            }

            if (interactive)
            {
                error.Write($"\r{Bar()}\u001b[K");
                _barShown = true;
            }
            else if (Finished % _step == 0 || Finished == total)
            {
                error.WriteLine($"voicefleet batch: {Line()}");
            }
        }
    }

    /// <summary>Prints a line (a task's failure) above the bar.</summary>
    public void Report(string line)
    {
        lock (_gate)
        {
            ClearBar();
            error.WriteLine(line);
            if (_barShown)
            {
                error.Write(Bar());
            }
        }
    }

    /// <summary>Removes the bar, before the summary is printed.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            ClearBar();
            _barShown = false;
            error.Flush();
        }
    }

    private void ClearBar()
    {
        if (_barShown)
        {
            error.Write("\r\u001b[K");
        }
    }

    private string Bar()
    {
        var filled = total == 0 ? BarWidth : Finished * BarWidth / total;
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Line()}";
    }

    private string Line() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Finished}/{total} ({Done} done, {Skipped} skipped, {Failed} failed, {(int)Elapsed.TotalMinutes}:{Elapsed.Seconds:00})");
}
