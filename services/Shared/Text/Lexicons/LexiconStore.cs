using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace VoiceFleet.Text.Lexicons;

/// <summary>
/// The named override lexicons (<c>[a-z0-9-]{1,64}</c>, created on first write) and the read-only file-backed one.
/// Writes replace a lexicon's snapshot atomically; a request reads the snapshots it starts with. With a directory,
/// every lexicon is kept as <c>&lt;name&gt;.jsonl</c> there (written aside and renamed) and loaded at start; without
/// one, lexicons live as long as the process.
/// </summary>
public sealed partial class LexiconStore
{
    private readonly FileLexicon file;
    private readonly string? directory;
    private readonly ILogger logger;
    private readonly Lock sync = new();
    private readonly int maxLexicons;
    private readonly int maxEntries;
    private Dictionary<string, PronunciationLexicon> lexicons = new(StringComparer.Ordinal);

    /// <summary>Creates the store, loading the lexicons kept in <paramref name="directory"/> (if any).</summary>
    public LexiconStore(FileLexicon file, string? directory, ILogger logger, int maxLexicons = 100, int maxEntries = 100_000)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(logger);
        this.file = file;
        this.directory = string.IsNullOrWhiteSpace(directory) ? null : Path.GetFullPath(directory);
        this.logger = logger;
        this.maxLexicons = maxLexicons;
        this.maxEntries = maxEntries;
        if (this.directory is not null)
        {
            Directory.CreateDirectory(this.directory);
            foreach (var path in Directory.EnumerateFiles(this.directory, "*.jsonl").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (IsValidName(name) && name != FileLexicon.Name)
                {
                    lexicons[name] = new PronunciationLexicon(name, LexiconFile.Read(path), 1);
                }
            }
        }
    }

    /// <summary>The file-backed lexicon.</summary>
    public FileLexicon File => file;

    /// <summary>Names of the lexicons, the file-backed one included.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (sync)
            {
                return [FileLexicon.Name, .. lexicons.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is a valid lexicon name.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The current snapshot of a lexicon.</summary>
    /// <exception cref="LexiconNotFoundException">No lexicon has that name.</exception>
    public PronunciationLexicon Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == FileLexicon.Name)
        {
            return file.Current;
        }

        lock (sync)
        {
            return lexicons.TryGetValue(name, out var lexicon) ? lexicon : throw new LexiconNotFoundException(name, [FileLexicon.Name, .. lexicons.Keys]);
        }
    }

    /// <summary>Adds or replaces entries (validated by the caller), creating the lexicon on first use.</summary>
    /// <exception cref="LexiconReadOnlyException">The name is the file-backed lexicon's.</exception>
    /// <exception cref="LexiconFullException">Too many lexicons or entries.</exception>
    public PronunciationLexicon Put(string name, IReadOnlyList<PronunciationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        CheckWritable(name);
        lock (sync)
        {
            var existing = lexicons.GetValueOrDefault(name);
            if (existing is null && lexicons.Count >= maxLexicons)
            {
                throw new LexiconFullException(string.Create(CultureInfo.InvariantCulture, $"the store already holds {maxLexicons} lexicons; delete entries of one, or reuse one"));
            }

            var updated = (existing ?? PronunciationLexicon.Empty(name)).With(entries);
            if (updated.Count > maxEntries)
            {
                throw new LexiconFullException(string.Create(CultureInfo.InvariantCulture, $"lexicon '{name}' would hold {updated.Count} entries; the limit is {maxEntries}"));
            }

            Persist(updated);
            lexicons = new Dictionary<string, PronunciationLexicon>(lexicons, StringComparer.Ordinal) { [name] = updated };
            return updated;
        }
    }

    /// <summary>Removes entries by word and context.</summary>
    /// <exception cref="LexiconReadOnlyException">The name is the file-backed lexicon's.</exception>
    /// <exception cref="LexiconNotFoundException">No lexicon has that name.</exception>
    public PronunciationLexicon Delete(string name, IEnumerable<(string Word, string Context)> keys, out int removed)
    {
        CheckWritable(name);
        lock (sync)
        {
            if (!lexicons.TryGetValue(name, out var existing))
            {
                throw new LexiconNotFoundException(name, [FileLexicon.Name, .. lexicons.Keys]);
            }

            var updated = existing.Without(keys, out removed);
            Persist(updated);
            lexicons = new Dictionary<string, PronunciationLexicon>(lexicons, StringComparer.Ordinal) { [name] = updated };
            return updated;
        }
    }

    private static void CheckWritable(string name)
    {
        if (name == FileLexicon.Name)
        {
            throw new LexiconReadOnlyException();
        }
    }

    private void Persist(PronunciationLexicon lexicon)
    {
        if (directory is null)
        {
            return;
        }

        var path = Path.Join(directory, lexicon.Name + ".jsonl");
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var stream = System.IO.File.Create(temporary))
        {
            var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            foreach (var entry in lexicon.Entries)
            {
                using (var writer = new Utf8JsonWriter(stream, options))
                {
                    writer.WriteStartObject();
                    writer.WriteString("word", entry.Word);
                    writer.WriteString("context", entry.Context);
                    writer.WriteString("phoneme", entry.Phoneme);
                    writer.WriteString("language", entry.Language);
                    writer.WriteEndObject();
                }

                stream.WriteByte((byte)'\n');
            }
        }

        System.IO.File.Move(temporary, path, overwrite: true);
        Log.Saved(logger, lexicon.Name, lexicon.Count, lexicon.Revision);
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex NamePattern();

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Lexicon {Name} saved: {Count} entries, revision {Revision}.")]
        public static partial void Saved(ILogger logger, string name, int count, long revision);
    }
}
