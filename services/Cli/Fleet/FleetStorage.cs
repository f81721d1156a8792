namespace VoiceFleet.Cli.Fleet;

/// <summary>
/// Where the local fleet keeps what outlives a run: the model store (forged on first start) and the services'
/// data (the encoders' SQLite database of voices and embeddings).
/// </summary>
/// <param name="ModelsDirectory">The model store root.</param>
/// <param name="DataDirectory">The services' data directory.</param>
internal sealed record FleetStorage(string ModelsDirectory, string DataDirectory)
{
    /// <summary>
    /// The defaults: <c>.artifacts/models</c> and <c>.artifacts/fleet</c> of the checkout the CLI was built in (beside
    /// <c>.artifacts/bin</c>), or under <c>$XDG_DATA_HOME/voicefleet</c> (<c>~/.local/share/voicefleet</c>) elsewhere.
    /// </summary>
    public static FleetStorage Default()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var artifacts = own.Parent?.Parent?.Parent;
        if (artifacts is { Name: ".artifacts" })
        {
            return new FleetStorage(Path.Join(artifacts.FullName, "models"), Path.Join(artifacts.FullName, "fleet"));
        }

        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = Path.Join(string.IsNullOrEmpty(data) ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share") : data, "voicefleet");
        return new FleetStorage(Path.Join(root, "models"), Path.Join(root, "fleet"));
    }
}
