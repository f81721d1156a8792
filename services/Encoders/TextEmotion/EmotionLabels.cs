namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>The seven built-in emotion labels, in the order every distribution here uses.</summary>
internal static class EmotionLabels
{
    public const string Neutral = "neutral";
    public const string Happy = "happy";
    public const string Sad = "sad";
    public const string Angry = "angry";
    public const string Surprised = "surprised";
    public const string Fearful = "fearful";
    public const string Disgusted = "disgusted";

    public static IReadOnlyList<string> BuiltIn { get; } = [Neutral, Happy, Sad, Angry, Surprised, Fearful, Disgusted];

    public static int IndexOf(string label)
    {
        for (var i = 0; i < BuiltIn.Count; i++)
        {
            if (string.Equals(BuiltIn[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
