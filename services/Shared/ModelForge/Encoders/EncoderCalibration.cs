using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceFleet.ModelForge.Voice;

namespace VoiceFleet.ModelForge.Encoders;

/// <summary>
/// Both encoders' fitted constants with the fingerprint of what they were fitted to. The forge ships the last
/// calibration as a resource (<c>Encoders/calibration.json</c>) and uses it while the fingerprint still matches —
/// the healthy voices' graphs, the pooling graphs and the corpus are unchanged — so forging takes a second
/// instead of re-running the voices on the calibration set; any change to those makes the forge calibrate again.
/// </summary>
internal sealed record EncoderCalibration(string Fingerprint, SpeakerCalibration Speaker, EmotionCalibration Emotion)
{
    private const string ResourceName = "VoiceFleet.ModelForge.Encoders.calibration.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The fingerprint of the inputs a calibration depends on.</summary>
    public static string CurrentFingerprint(IReadOnlyList<VoiceDesign> voices)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"calibrator {EncoderCalibrator.Revision}\n"));
        foreach (var voice in voices)
        {
            hash.AppendData(VoiceGraph.EndToEnd(voice));
        }

        hash.AppendData(SpeakerEncoderGraph.StatisticsOnly());
        hash.AppendData(EmotionEncoderGraph.StatisticsOnly());
        foreach (var sentence in ForgeCorpus.Sentences)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(sentence + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The shipped calibration when its fingerprint is <paramref name="fingerprint"/>, else null.</summary>
    public static EncoderCalibration? Shipped(string fingerprint)
    {
        using var stream = typeof(EncoderCalibration).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return null;
        }

        var shipped = JsonSerializer.Deserialize<EncoderCalibration>(stream, Json);
        return shipped is not null && shipped.Fingerprint == fingerprint ? shipped : null;
    }

    /// <summary>The calibration as the resource file holds it.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
