using VoiceFleet.Models.Phonemes;

namespace VoiceFleet.ModelForge.Voice;

/// <summary>Short IPA sentences the forge calibrates its encoders on and tests speak (Piper-style IPA, one symbol per character).</summary>
public static class ForgeCorpus
{
    /// <summary>The sentences, in IPA.</summary>
    public static readonly string[] Sentences =
    [
        "ðə nˈɔːθ wˈɪnd ænd ðə sˈʌn wɜː dɪspjˈuːtɪŋ.",
        "ʃiː sˈɛlz sˈiːʃɛlz baɪ ðə sˈiːʃɔː.",
        "wiː lˈɛft ðə hˈaʊs ɚlˈi, bʌt ðə tɹˈeɪn wʌz lˈeɪt.",
        "kæn juː hˈɪə mˈiː nˈaʊ?",
        "ɪts ə bjˈuːtɪfəl dˈeɪ fɔː ə lˈɔŋ wˈɔːk.",
        "ðə mjˈuːzɪk ɪz tˈuː lˈaʊd tə θˈɪŋk.",
        "plˈiːz ɹɪmˈɛmbɚ tə klˈoʊz ðə wˈɪndoʊ.",
        "ɔːl ɔːv ðɛm kˈeɪm hˈoʊm ɐɡˈɛn.",
        "ðə kwˈɪk bɹˈaʊn fˈɑːks dʒˈʌmps ˌoʊvɚ ðə lˈeɪzi dˈɑːɡ.",
        "aɪ θˈɔːt ðə mˈiːtɪŋ wʌz ɔn mˈʌndeɪ, nˈɑːt tˈuːzdeɪ.",
        "hɪz vˈɔɪs wʌz kˈɑːm, bʌt hɪz hˈændz wɜː ʃˈeɪkɪŋ.",
        "wˈɛn dɪd juː lˈæst sˈiː ðə ˈoʊʃən?",
        "ðɛɹ ɪz nˈoʊ ɹˈuːm lˈɛft ɪn ðə ɡɚɹˈɑːʒ.",
        "sˈʌmwʌn lˈɛft ðə lˈaɪts ˈɔn ˈɔːl nˈaɪt.",
        "wiː ʃˈʊd tʃˈɛk ðə wˈɛðɚ bɪfˈɔːɹ wiː ɡˈoʊ.",
        "ˈɛvɹi bˈʊk ɑːn ðæt ʃˈɛlf ɪz ˈoʊvɚ ə hˈʌndɹɪd jˈɪɹz ˈoʊld.",
    ];

    /// <summary>Sentences the encoders are never calibrated on (tests measure on these).</summary>
    public static readonly int[] HeldOut = [5, 6, 7];

    /// <summary>Sentences the encoders are calibrated on.</summary>
    public static readonly int[] Calibration = [.. Enumerable.Range(0, 16).Except(HeldOut)];

    private static readonly PhonemeIdEncoder Encoder = new(PhonemeInventory.Spec);

    /// <summary>Piper's id layout for the forge inventory: BOS, then each known symbol followed by the pad, then EOS.</summary>
    public static long[] Encode(string ipa) => Encoder.Encode(ipa).Ids;
}
