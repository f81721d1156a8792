using System.Runtime.InteropServices;

namespace VoiceFleet.Text.Espeak;

/// <summary>
/// The few functions of libespeak-ng's C API (speak_lib.h, API revision 12, Debian's libespeak-ng1 1.51) the frontend
/// calls. The library keeps global state and is not thread-safe: only <see cref="EspeakEngine"/> calls these, one call
/// at a time.
/// </summary>
internal static unsafe partial class EspeakNative
{
    /// <summary>The shared object's name, as Debian installs it.</summary>
    public const string Library = "libespeak-ng.so.1";

    /// <summary><c>AUDIO_OUTPUT_SYNCHRONOUS</c>: no audio thread, nothing played.</summary>
    public const int AudioOutputSynchronous = 2;

    /// <summary><c>espeakINITIALIZE_DONT_EXIT</c>: report errors instead of calling exit().</summary>
    public const int InitializeDontExit = 0x8000;

    /// <summary><c>espeakCHARS_UTF8</c>.</summary>
    public const int CharsUtf8 = 1;

    /// <summary><c>espeakPHONEMES_IPA</c> (bit 1 of phonememode): IPA as UTF-8, what <c>espeak-ng --ipa</c> prints.</summary>
    public const int PhonemesIpa = 0x02;

    /// <summary><c>EE_OK</c>.</summary>
    public const int Ok = 0;

    /// <summary><c>int espeak_Initialize(espeak_AUDIO_OUTPUT output, int buflength, const char *path, int options)</c>: the sample rate, or -1.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Initialize(int output, int bufferLength, string? path, int options);

    /// <summary><c>espeak_ERROR espeak_SetVoiceByName(const char *name)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    /// <summary><c>espeak_ERROR espeak_SetVoiceByProperties(espeak_VOICE *voice_spec)</c>: the best voice for a language, as the command line's <c>-v</c> falls back to.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByProperties")]
    public static partial int SetVoiceByProperties(VoiceStruct* voiceSpec);

    /// <summary><c>const char *espeak_TextToPhonemes(const void **textptr, int textmode, int phonememode)</c>: one clause per call.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    public static partial byte* TextToPhonemes(byte** textPointer, int textMode, int phonemeMode);

    /// <summary><c>const espeak_VOICE **espeak_ListVoices(espeak_VOICE *voice_spec)</c>: all voices with a null spec, null-terminated.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_ListVoices")]
    public static partial VoiceStruct** ListVoices(void* voiceSpec);

    /// <summary><c>const char *espeak_Info(const char **path_data)</c>: the version string and the data path.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_Info")]
    public static partial byte* Info(byte** pathData);

    /// <summary><c>espeak_VOICE</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VoiceStruct
    {
        /// <summary>UTF-8 name.</summary>
        public byte* Name;

        /// <summary>Pairs of (priority byte, NUL-terminated language), ended by a zero priority.</summary>
        public byte* Languages;

        /// <summary>The voice file under espeak-ng-data/voices.</summary>
        public byte* Identifier;

        /// <summary>0 none, 1 male, 2 female.</summary>
        public byte Gender;

        /// <summary>Age or 0.</summary>
        public byte Age;

        /// <summary>Variant (for property searches).</summary>
        public byte Variant;

        /// <summary>Internal.</summary>
        public byte Xx1;

        /// <summary>Internal.</summary>
        public int Score;

        /// <summary>Internal.</summary>
        public void* Spare;
    }
}
