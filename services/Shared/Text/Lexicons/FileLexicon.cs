using Microsoft.Extensions.Logging;

namespace VoiceFleet.Text.Lexicons;

/// <summary>
/// The file-backed override lexicon (named <see cref="Name"/>, read-only through the API), reloaded when the file
/// changes: callers read <see cref="Current"/>, which checks the file's time stamp and size at most once per
/// <c>checkInterval</c> (by <see cref="TimeProvider"/>) and re-reads it when they changed. A file that fails to parse
/// keeps the last good version and logs the problem.
/// </summary>
public sealed partial class FileLexicon
{
    /// <summary>The lexicon name of the file-backed lexicon.</summary>
    public const string Name = "file";

    private readonly string? path;
    private readonly TimeProvider time;
    private readonly TimeSpan checkInterval;
    private readonly ILogger logger;
    private readonly Func<string, bool>? isLanguageSupported;
    private readonly Lock sync = new();
    private PronunciationLexicon current;
    private (DateTime Written, long Length)? stamp;
    private long nextCheck;
    private long revision;

    /// <summary>Loads the file; an empty lexicon when <paramref name="path"/> is null or empty.</summary>
    /// <exception cref="TextInputException">A line is invalid (at start the service refuses to run).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public FileLexicon(string? path, TimeProvider time, TimeSpan checkInterval, ILogger logger, Func<string, bool>? isLanguageSupported = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.path = string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
        this.time = time;
        this.checkInterval = checkInterval;
        this.logger = logger;
        this.isLanguageSupported = isLanguageSupported;
        current = PronunciationLexicon.Empty(Name);
        if (this.path is not null)
        {
            stamp = Stamp(this.path);
            current = new PronunciationLexicon(Name, LexiconFile.Read(this.path, isLanguageSupported), ++revision);
            Log.Loaded(logger, current.Count, this.path);
        }

        nextCheck = time.GetTimestamp() + ToTicks(checkInterval);
    }

    /// <summary>The file, or null when none is configured.</summary>
    public string? FilePath => path;

    /// <summary>The current entries, re-read first if the file changed and the check interval has passed.</summary>
    public PronunciationLexicon Current
    {
        get
        {
            if (path is null || time.GetTimestamp() < Volatile.Read(ref nextCheck))
            {
                return Volatile.Read(ref current);
            }

            lock (sync)
            {
                if (time.GetTimestamp() >= nextCheck)
                {
                    Reload(path);
                    nextCheck = time.GetTimestamp() + ToTicks(checkInterval);
                }

                return current;
            }
        }
    }

    private void Reload(string file)
    {
        (DateTime, long)? now;
        try
        {
            now = Stamp(file);
        }
        catch (IOException ex)
        {
            Log.ReloadFailed(logger, file, ex.Message);
            return;
        }

        if (now == stamp)
        {
            return;
        }

        try
        {
            var entries = LexiconFile.Read(file, isLanguageSupported);
            Volatile.Write(ref current, new PronunciationLexicon(Name, entries, ++revision));
            stamp = now;
            Log.Reloaded(logger, entries.Count, file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TextInputException)
        {
            stamp = now; // do not retry the same broken file on every call
            Log.ReloadFailed(logger, file, ex.Message);
        }
    }

    private static (DateTime, long)? Stamp(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : throw new FileNotFoundException($"the override lexicon file '{file}' does not exist", file);
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Override lexicon: {Count} entries from {Path}.")]
        public static partial void Loaded(ILogger logger, int count, string path);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Override lexicon reloaded: {Count} entries from {Path}.")]
        public static partial void Reloaded(ILogger logger, int count, string path);

        [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Override lexicon {Path} was not reloaded, the previous entries stay in force: {Reason}")]
        public static partial void ReloadFailed(ILogger logger, string path, string reason);
    }
}
