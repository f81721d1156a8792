using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// Loads the <see cref="MandarinLexicon"/> from the files of the npm package @pinyin-pro/data that set-up unpacks
/// (<c>complete.json</c>: word → [pinyin with tone marks, frequency]; <c>traditional.json</c>: traditional → simplified),
/// through a compact binary cache written on first use beside them (or in <c>cacheDirectory</c>) and rebuilt whenever
/// the source files' SHA-256 changes. Reading the cache takes a fraction of parsing the 19 MB JSON.
/// </summary>
public static partial class MandarinLexiconLoader
{
    /// <summary>The package version set-up fetches.</summary>
    public const string PackageVersion = "1.3.1";

    /// <summary>Where set-up puts the data, relative to the repository root.</summary>
    public static readonly string RepositoryDataPath = Path.Join(".tools", "pinyin-pro-data", PackageVersion);

    /// <summary>Environment variable that points at another data directory.</summary>
    public const string DataDirectoryVariable = "VOICEFLEET_PINYIN_DATA";

    private const string CompleteFile = "complete.json";
    private const string TraditionalFile = "traditional.json";
    private const string CacheFile = "zh-lexicon.v1.bin";
    private static readonly byte[] Magic = "VFZHLX01"u8.ToArray();

    /// <summary>
    /// The data directory: <paramref name="configured"/> when given, else <see cref="DataDirectoryVariable"/>, else
    /// <see cref="RepositoryDataPath"/> under the nearest folder above <paramref name="start"/> (the application's
    /// folder by default) that holds it. Null when none exists.
    /// </summary>
    public static string? FindDataDirectory(string? configured = null, string? start = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Join(dir.FullName, RepositoryDataPath);
            if (File.Exists(Path.Join(candidate, CompleteFile)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="dataDirectory"/> cannot be loaded, or null when it looks complete.</summary>
    public static string? Problem(string? dataDirectory) =>
        dataDirectory is null
            ? $"the Mandarin lexicon was not found: run ./fleet setup (it fetches @pinyin-pro/data {PackageVersion} into {RepositoryDataPath}), or set {DataDirectoryVariable} or the configuration to its folder"
            : !File.Exists(Path.Join(dataDirectory, CompleteFile))
                ? $"'{dataDirectory}' holds no {CompleteFile} of @pinyin-pro/data; run ./fleet setup"
                : null;

    /// <summary>Loads the lexicon, from the cache when it is current, else from the JSON (then writing the cache).</summary>
    /// <param name="dataDirectory">The folder with complete.json (and traditional.json).</param>
    /// <param name="cacheDirectory">Where the cache lives; null = <paramref name="dataDirectory"/>/cache. An unwritable folder only costs the next start time.</param>
    /// <param name="logger">Logs where the data came from and how long it took.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <exception cref="FileNotFoundException">complete.json is missing.</exception>
    /// <exception cref="InvalidDataException">complete.json is not the expected shape.</exception>
    public static MandarinLexicon Load(string dataDirectory, string? cacheDirectory = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var complete = Path.Join(dataDirectory, CompleteFile);
        if (!File.Exists(complete))
        {
            throw new FileNotFoundException(Problem(dataDirectory), complete);
        }

        logger ??= Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var traditional = Path.Join(dataDirectory, TraditionalFile);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var hash = SourceHash(complete, traditional);
        var cachePath = Path.Join(cacheDirectory ?? Path.Join(dataDirectory, "cache"), CacheFile);
        if (TryReadCache(cachePath, hash, out var cached))
        {
            var cacheMilliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.Loaded(logger, cached.Count, cachePath, cacheMilliseconds);
            return cached;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var data = Convert(complete, traditional, cancellationToken);
        try
        {
            WriteCache(cachePath, hash, data);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CacheNotWritten(logger, cachePath, ex.Message);
        }

        var lexicon = data.Build($"@pinyin-pro/data {complete}");
        var milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.Loaded(logger, lexicon.Count, complete, milliseconds);
        return lexicon;
    }

    private static byte[] SourceHash(string complete, string traditional)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { complete, traditional })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = File.OpenRead(path);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        sha.AppendData(BitConverter.GetBytes(Version));
        return sha.GetHashAndReset();
    }

    // Bump when the conversion changes, so old caches are rebuilt.
    private const int Version = 1;

    /// <summary>The converted lexicon before it becomes a <see cref="MandarinLexicon"/>.</summary>
    private sealed class Data
    {
        public List<string> Syllables { get; } = [];

        public Dictionary<string, int> SyllableIds { get; } = new(StringComparer.Ordinal);

        public List<(string Word, float Frequency, ushort[] Syllables)> Words { get; } = [];

        public Dictionary<char, char> Simplified { get; } = [];

        public ushort SyllableId(string syllable)
        {
            if (!SyllableIds.TryGetValue(syllable, out var id))
            {
                id = Syllables.Count;
                Syllables.Add(syllable);
                SyllableIds[syllable] = id;
            }

            return (ushort)id;
        }

        public MandarinLexicon Build(string source)
        {
            var total = Words.Sum(w => (double)w.Frequency);
            var pool = new ushort[Words.Sum(w => w.Syllables.Length)];
            var words = new Dictionary<string, LexiconWord>(Words.Count, StringComparer.Ordinal);
            var at = 0;
            foreach (var (word, frequency, syllables) in Words)
            {
                syllables.CopyTo(pool, at);
                var logProbability = (float)Math.Log(Math.Max(frequency, 1e-15) / total);
                words[word] = new LexiconWord(logProbability, at, syllables.Length);
                at += syllables.Length;
            }

            return new MandarinLexicon(words, pool, [.. Syllables], Simplified, source);
        }
    }

    private static Data Convert(string complete, string traditional, CancellationToken cancellationToken)
    {
        var data = new Data();
        var bytes = File.ReadAllBytes(complete);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, complete, "an object");
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var word = reader.GetString()!;
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray, complete, $"[pinyin, frequency] for '{word}'");
            Expect(reader.Read() && reader.TokenType == JsonTokenType.String, complete, $"the pinyin of '{word}'");
            var pinyin = reader.GetString()!;
            Expect(reader.Read() && reader.TokenType == JsonTokenType.Number, complete, $"the frequency of '{word}'");
            var frequency = reader.GetSingle();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }

            if (++count % 65536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var parts = pinyin.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != word.Length || !word.All(Scripts.IsHan))
            {
                continue; // entries with letters or surrogate pairs: the G2P reads Han characters one UTF-16 unit each
            }

            var ids = new ushort[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                ids[i] = data.SyllableId(Pinyin.FromToneMarked(parts[i].ToLowerInvariant()));
            }

            data.Words.Add((word, frequency, ids));
        }

        // 〇 (ling) is missing from the data.
        if (!data.Words.Any(w => w.Word == "〇"))
        {
            data.Words.Add(("〇", 1e-9f, [data.SyllableId("ling2")]));
        }

        if (File.Exists(traditional))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(traditional));
            foreach (var pair in document.RootElement.EnumerateObject())
            {
                var value = pair.Value.GetString();
                if (pair.Name.Length == 1 && value is { Length: 1 })
                {
                    data.Simplified[pair.Name[0]] = value[0];
                }
            }
        }

        return data;
    }

    private static void Expect(bool condition, string file, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"{file}: expected {what}; is it @pinyin-pro/data {PackageVersion}'s json/complete.json?");
        }
    }

    private static void WriteCache(string path, byte[] hash, Data data)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(hash);
                writer.Write(data.Syllables.Count);
                foreach (var syllable in data.Syllables)
                {
                    writer.Write(syllable);
                }

                writer.Write(data.Words.Count);
                foreach (var (word, frequency, syllables) in data.Words)
                {
                    writer.Write(word);
                    writer.Write(frequency);
                    foreach (var id in syllables)
                    {
                        writer.Write(id);
                    }
                }

                writer.Write(data.Simplified.Count);
                foreach (var (from, to) in data.Simplified)
                {
                    writer.Write((ushort)from);
                    writer.Write((ushort)to);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static bool TryReadCache(string path, byte[] hash, out MandarinLexicon lexicon)
    {
        lexicon = null!;
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || !reader.ReadBytes(hash.Length).AsSpan().SequenceEqual(hash))
            {
                return false;
            }

            var data = new Data();
            var syllableCount = reader.ReadInt32();
            for (var i = 0; i < syllableCount; i++)
            {
                data.SyllableId(reader.ReadString());
            }

            var wordCount = reader.ReadInt32();
            data.Words.Capacity = wordCount;
            for (var i = 0; i < wordCount; i++)
            {
                var word = reader.ReadString();
                var frequency = reader.ReadSingle();
                var ids = new ushort[word.Length];
                for (var k = 0; k < ids.Length; k++)
                {
                    ids[k] = reader.ReadUInt16();
                }

                data.Words.Add((word, frequency, ids));
            }

            var pairs = reader.ReadInt32();
            for (var i = 0; i < pairs; i++)
            {
                data.Simplified[(char)reader.ReadUInt16()] = (char)reader.ReadUInt16();
            }

            lexicon = data.Build($"@pinyin-pro/data (cache {path})");
            return true;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or FormatException or InvalidDataException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Mandarin lexicon: {Count} entries from {Source} in {Milliseconds:F0} ms.")]
        public static partial void Loaded(ILogger logger, int count, string source, double milliseconds);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Mandarin lexicon cache {Path} could not be written ({Reason}); the next start converts the JSON again.")]
        public static partial void CacheNotWritten(ILogger logger, string path, string reason);
    }
}
