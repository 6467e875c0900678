using System.Text;

namespace CreditOS.Cli.Commands;

/// <summary>
/// Where the commands write their files (HTML reports, rule-set versions): the folder is made first, since the documented commands
/// write under out/, which a clean checkout does not have (simulate, report and calibrate stopped there with DirectoryNotFoundException).
/// </summary>
internal static class OutputFile
{
    public static void WriteText(string path, string text, Encoding? encoding = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
    }
}
