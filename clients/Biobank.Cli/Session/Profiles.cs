using System.Text.Json;
using System.Text.Json.Serialization;

namespace Biobank.Cli.Session;

/// <summary>A server and the token to call it with, as <c>biobank login</c> saved them.</summary>
public sealed record Profile(string Address, string? Token);

/// <summary>
/// The profiles file, <c>profiles.json</c> in the configuration folder: one entry per profile name
/// ("default" unless <c>--profile</c> or <c>BIOBANK_PROFILE</c> names another), readable by its
/// owner only since it holds bearer tokens.
/// </summary>
public sealed class Profiles(string directory)
{
    public const string DefaultName = "default";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string FilePath => Path.Combine(directory, "profiles.json");

    public Profile? Find(string name) => Read().Profiles.GetValueOrDefault(name);

    public void Save(string name, Profile profile) => Change(file => file.Profiles[name] = profile);

    public bool Remove(string name)
    {
        var removed = false;
        Change(file => removed = file.Profiles.Remove(name));
        return removed;
    }

    private ProfilesFile Read()
    {
        if (!File.Exists(FilePath))
        {
            return new ProfilesFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ProfilesFile>(File.ReadAllText(FilePath), Options) ?? new ProfilesFile();
        }
        catch (JsonException e)
        {
            throw new CommandLine.UsageException($"The profiles file {FilePath} is not valid JSON ({e.Message}).", "Fix it, or delete it and sign in again with biobank login.");
        }
    }

    private void Change(Action<ProfilesFile> change)
    {
        var file = Read();
        change(file);
        Directory.CreateDirectory(directory);
        // Written beside and moved over, so a reader never sees half a file; private before it holds a token.
        var fresh = FilePath + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(fresh, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fresh, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(fresh, JsonSerializer.Serialize(file, Options));
        File.Move(fresh, FilePath, overwrite: true);
    }

    private sealed class ProfilesFile
    {
        public Dictionary<string, Profile> Profiles { get; set; } = new(StringComparer.Ordinal);
    }
}
