using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace VoiceFleet.Text.Espeak;

/// <summary>
/// espeak-ng in this process: text → IPA through <c>espeak_TextToPhonemes</c> of libespeak-ng (no process per
/// request). The library has global state and is not thread-safe, so there is one engine per process and calls run one
/// at a time behind a bounded queue (<see cref="EspeakOptions.QueueLimit"/>); a caller waiting can cancel. The output is
/// what <c>espeak-ng -q --ipa -v VOICE</c> prints: one string per clause.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "One engine per process, alive as long as the process (libespeak-ng is global state).")]
public sealed partial class EspeakEngine
{
    /// <summary>The shared object loaded when no path is configured: Debian's libespeak-ng1.</summary>
    public const string DefaultLibrary = EspeakNative.Library;

    private static readonly Lock OpenLock = new();
    private static EspeakEngine? instance;
    private static string? libraryPath;

    private readonly BoundedGate gate;
    private readonly HashSet<string> languages;
    private readonly string englishVoice;
    private string? currentVoice;

    private EspeakEngine(EspeakOptions options, string version, string dataPath, HashSet<string> languages)
    {
        gate = new BoundedGate(options.QueueLimit);
        Version = version;
        DataPath = dataPath;
        this.languages = languages;
        englishVoice = options.EnglishVoice;
        Options = options;
    }

    /// <summary>espeak-ng's version, e.g. <c>1.51</c>.</summary>
    public string Version { get; }

    /// <summary>The espeak-ng-data folder in use.</summary>
    public string DataPath { get; }

    /// <summary>The options the engine was opened with (the first <see cref="Open"/> call's).</summary>
    public EspeakOptions Options { get; }

    /// <summary>The language codes of the installed voices (e.g. <c>en-us</c>, <c>de</c>, <c>fr-fr</c>).</summary>
    public IReadOnlyCollection<string> Languages => languages;

    /// <summary>Callers waiting for the engine now.</summary>
    public int Waiting => gate.Waiting;

    /// <summary>
    /// The process-wide engine, initialized on the first call with <paramref name="options"/> (later calls return the
    /// same engine whatever they pass).
    /// </summary>
    /// <exception cref="EspeakUnavailableException">libespeak-ng is missing or does not initialize.</exception>
    public static EspeakEngine Open(EspeakOptions? options = null)
    {
        lock (OpenLock)
        {
            if (instance is not null)
            {
                return instance;
            }

            options ??= new EspeakOptions();
            if (options.QueueLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.QueueLimit, "QueueLimit must be at least 1.");
            }

            libraryPath = options.LibraryPath;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(EspeakEngine).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // A resolver is already set for this assembly (a previous failed Open); it reads libraryPath.
            }

            try
            {
                var rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 0, options.DataPath, EspeakNative.InitializeDontExit);
                if (rate <= 0)
                {
                    throw new EspeakUnavailableException($"espeak_Initialize failed ({rate}): is espeak-ng-data installed (Debian package libespeak-ng1)? Run ./fleet setup.");
                }

                var (version, dataPath) = ReadInfo();
                instance = new EspeakEngine(options, version, dataPath, ReadLanguages());
                return instance;
            }
            catch (DllNotFoundException ex)
            {
                throw new EspeakUnavailableException($"{options.LibraryPath ?? EspeakNative.Library} could not be loaded: install the Debian package libespeak-ng1 (./fleet setup). {ex.Message}", ex);
            }
            catch (EntryPointNotFoundException ex)
            {
                throw new EspeakUnavailableException($"{options.LibraryPath ?? EspeakNative.Library} is not libespeak-ng: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// The espeak-ng language for a BCP-47 code: <c>en</c> → the English voice of the options, <c>en-US</c> →
    /// <c>en-us</c>, <c>fr-CA</c> → a French voice; false when no installed voice speaks it.
    /// </summary>
    public bool TryResolveLanguage(string language, out string voice)
    {
        ArgumentNullException.ThrowIfNull(language);
        var code = language.Trim().Replace('_', '-').ToLowerInvariant();
        voice = string.Empty;
        if (!LanguageTag().IsMatch(code))
        {
            return false;
        }

        if (code == "en")
        {
            voice = englishVoice;
            return true;
        }

        if (languages.Contains(code))
        {
            voice = code;
            return true;
        }

        var primary = code.Split('-')[0];
        if (languages.Contains(primary))
        {
            voice = primary;
            return true;
        }

        voice = languages.Where(l => l.StartsWith(primary + "-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault() ?? string.Empty;
        return voice.Length > 0;
    }

    /// <summary>Phonemizes <paramref name="text"/> with <paramref name="voice"/>: IPA per clause, as <c>espeak-ng -q --ipa</c> prints it.</summary>
    /// <param name="text">The text (any length; espeak-ng splits it into clauses at punctuation).</param>
    /// <param name="voice">An espeak-ng language or voice name (see <see cref="TryResolveLanguage"/>).</param>
    /// <param name="cancellationToken">Stops waiting for the engine.</param>
    /// <exception cref="EspeakBusyException">The queue is full.</exception>
    /// <exception cref="ArgumentException">The voice does not exist.</exception>
    public async ValueTask<IReadOnlyList<string>> PhonemizeAsync(string text, string voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(voice);
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            return PhonemizeLocked(text, voice);
        }
    }

    /// <summary>As <see cref="PhonemizeAsync"/>, blocking the calling thread while it waits.</summary>
    public IReadOnlyList<string> Phonemize(string text, string voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(voice);
        using (gate.Enter(cancellationToken))
        {
            return PhonemizeLocked(text, voice);
        }
    }

    private static unsafe (string Version, string DataPath) ReadInfo()
    {
        byte* path;
        var version = Marshal.PtrToStringUTF8((nint)EspeakNative.Info(&path)) ?? "unknown";
        return (version, Marshal.PtrToStringUTF8((nint)path) ?? string.Empty);
    }

    private unsafe List<string> PhonemizeLocked(string text, string voice)
    {
        if (voice != currentVoice)
        {
            var result = EspeakNative.SetVoiceByName(voice);
            if (result != EspeakNative.Ok)
            {
                // As espeak-ng's command line does: a language such as en-gb is found by properties.
                var language = Encoding.UTF8.GetBytes(voice + "\0");
                fixed (byte* languagePointer = language)
                {
                    var spec = new EspeakNative.VoiceStruct { Languages = languagePointer };
                    result = EspeakNative.SetVoiceByProperties(&spec);
                }
            }

            if (result != EspeakNative.Ok)
            {
                currentVoice = null;
                throw new ArgumentException($"espeak-ng has no voice '{voice}' (error {result}).", nameof(voice));
            }

            currentVoice = voice;
        }

        var clauses = new List<string>();
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var buffer = new byte[byteCount + 1];
        Encoding.UTF8.GetBytes(text, buffer);
        fixed (byte* start = buffer)
        {
            var cursor = start;
            while (cursor is not null && *cursor != 0)
            {
                var phonemes = EspeakNative.TextToPhonemes(&cursor, EspeakNative.CharsUtf8, EspeakNative.PhonemesIpa);
                if (phonemes is not null)
                {
                    clauses.Add(Marshal.PtrToStringUTF8((nint)phonemes) ?? string.Empty);
                }
            }
        }

        return clauses;
    }

    private static unsafe HashSet<string> ReadLanguages()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var voices = EspeakNative.ListVoices(null);
        for (var v = voices; v is not null && *v is not null; v++)
        {
            var p = (*v)->Languages;
            while (p is not null && *p != 0)
            {
                p++; // the priority byte
                var language = Marshal.PtrToStringUTF8((nint)p) ?? string.Empty;
                if (language.Length > 0)
                {
                    result.Add(language.ToLowerInvariant());
                }

                p += Encoding.UTF8.GetByteCount(language) + 1;
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{1,8})*$")]
    private static partial System.Text.RegularExpressions.Regex LanguageTag();

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == EspeakNative.Library && libraryPath is not null ? NativeLibrary.Load(libraryPath) : 0;
}
