namespace SecEvent.Delivery.Tests.Support;

/// <summary>Database files in a folder of their own under the temp directory, deleted with their WAL files by <see cref="Clear"/>.</summary>
public sealed class TempDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "secevent-sqlite-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path where no file exists yet.</summary>
    public string NewPath()
    {
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
    }

    /// <summary>Deletes every file made here; the stores on them must be disposed first.</summary>
    public void Clear()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
