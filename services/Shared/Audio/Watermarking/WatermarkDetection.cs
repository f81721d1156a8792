namespace VoiceFleet.Audio.Watermarking;

/// <summary>What <see cref="Watermarker.Detect"/> found.</summary>
public sealed class WatermarkDetection
{
    internal WatermarkDetection(
        bool detected, uint? payload, double confidence, double presenceScore, double falseAlarmProbability, double payloadProbability, double[] bitZScores)
    {
        Detected = detected;
        Payload = payload;
        Confidence = confidence;
        PresenceScore = presenceScore;
        FalseAlarmProbability = falseAlarmProbability;
        PayloadProbability = payloadProbability;
        BitZScores = bitZScores;
        WeakestBitZ = bitZScores.Length == 0 ? 0 : bitZScores.Min(Math.Abs);
    }

    /// <summary>
    /// True when a mark was found and its payload read: the <see cref="PresenceScore"/> reached the detection threshold
    /// and the decoded payload's <see cref="PayloadProbability"/> reached <see cref="Watermarker.MinPayloadProbability"/>.
    /// </summary>
    public bool Detected { get; }

    /// <summary>The 32-bit payload when <see cref="Detected"/>; otherwise null.</summary>
    public uint? Payload { get; }

    /// <summary>
    /// 0 … 1: Φ(<see cref="PresenceScore"/> − threshold) × <see cref="PayloadProbability"/>, roughly the probability that a
    /// mark is there and the payload read from it is right. About 1 for a clearly marked clip; on unmarked audio
    /// typically below 10⁻⁶ and at most about 10⁻³; 0 for a clip too short.
    /// </summary>
    public double Confidence { get; }

    /// <summary>
    /// How strongly the audio correlates with the keyed pattern, as a z-score: the sum of the squared bit z-scores
    /// (χ² with 40 degrees of freedom on unmarked audio) mapped to a standard normal by Wilson–Hilferty. About N(0, 1)
    /// without a mark; tens with one. A high score with <see cref="Detected"/> false means a mark too weak to read.
    /// </summary>
    public double PresenceScore { get; }

    /// <summary>The probability that unmarked audio scores at least <see cref="PresenceScore"/>.</summary>
    public double FalseAlarmProbability { get; }

    /// <summary>
    /// The posterior probability that the decoded word (the most likely valid 40-bit word given the bit scores) is the
    /// one embedded, if a mark is there; 0 when no valid word was found. Calibrated on simulated scores: of the words
    /// given 0.9 or more, 99.4% were right.
    /// </summary>
    public double PayloadProbability { get; }

    /// <summary>
    /// The z-score of each of the 40 coded bits (32 payload bits, most significant first, then the CRC-8): its sign is the
    /// decoded bit (positive is a one), its magnitude the evidence, standard normal without a mark. Empty when the clip is too short.
    /// </summary>
    public IReadOnlyList<double> BitZScores { get; }

    /// <summary>The smallest |z| among <see cref="BitZScores"/>: the margin of the least certain bit (0 when there are none).</summary>
    public double WeakestBitZ { get; }

    internal static WatermarkDetection TooShort { get; } = new(false, null, 0, 0, 1, 0, []);
}
