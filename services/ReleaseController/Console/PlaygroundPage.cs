using System.Text;
using static VoiceFleet.ReleaseController.Console.Html;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>The Playground page: text, voice, emotion (label or description, strength), speed → the clip and the version that spoke it.</summary>
internal static class PlaygroundPage
{
    public static string Render(ConsoleCaller caller, IReadOnlyList<string> voices, IReadOnlyList<string> emotions, bool hasCanary, int maxChars)
    {
        var main = new StringBuilder(4096);
        if (!caller.CanSynthesize)
        {
            main.Append("<p class=\"note\" data-testid=\"no-synthesize\">The playground needs the <code>synthesize</code> role.</p>");
        }

        main.Append("<form id=\"play\" class=\"play\">")
            .Append("<label for=\"text\">Text</label><textarea id=\"text\" name=\"text\" rows=\"3\" required maxlength=\"").Append(I(maxChars)).Append("\">Good morning, the weather is lovely today.</textarea>")
            .Append("<div class=\"row\"><label for=\"voice\">Voice</label><select id=\"voice\" name=\"voice\"><option value=\"\">default</option>");
        foreach (var v in voices)
        {
            main.Append("<option>").Append(E(v)).Append("</option>");
        }

        main.Append("</select>")
            .Append("<label for=\"emotion\">Emotion</label><select id=\"emotion\" name=\"emotion\"><option value=\"\">none (neutral)</option>");
        foreach (var e in emotions)
        {
            main.Append("<option>").Append(E(e)).Append("</option>");
        }

        main.Append("</select></div>")
            .Append("<label for=\"description\">Or describe the emotion</label><input id=\"description\" name=\"description\" type=\"text\" maxlength=\"200\" placeholder=\"slightly annoyed, whispering\">")
            .Append("<div class=\"row\"><label for=\"strength\">Strength <output id=\"strength-out\" for=\"strength\">0.8</output></label><input id=\"strength\" name=\"strength\" type=\"range\" min=\"0\" max=\"1\" step=\"0.05\" value=\"0.8\">")
            .Append("<label for=\"speed\">Speed <output id=\"speed-out\" for=\"speed\">1</output></label><input id=\"speed\" name=\"speed\" type=\"range\" min=\"0.5\" max=\"2\" step=\"0.05\" value=\"1\"></div>")
            .Append("<fieldset class=\"row\"><legend>Version</legend><label><input type=\"radio\" name=\"track\" value=\"stable\" checked> stable</label>")
            .Append("<label><input type=\"radio\" name=\"track\" value=\"canary\"").Append(hasCanary ? string.Empty : " disabled").Append("> canary").Append(hasCanary ? string.Empty : " (no release in progress)").Append("</label></fieldset>");
        if (caller.CanClone)
        {
            main.Append("<label for=\"reference\">Reference clip (WAV, cloning; optional)</label><input id=\"reference\" name=\"reference\" type=\"file\" accept=\"audio/wav,audio/x-wav,.wav\">");
        }

        main.Append("<button type=\"submit\"").Append(caller.CanSynthesize ? string.Empty : " disabled").Append(">Speak</button></form>")
            .Append("<section aria-labelledby=\"result-h\"><h2 id=\"result-h\">Result</h2><p id=\"play-status\" role=\"status\" data-testid=\"served-by\"></p>")
            .Append("<audio id=\"play-audio\" controls aria-label=\"Playground result\"></audio></section>");
        return Layout("playground", "Playground", caller, main.ToString());
    }
}
