namespace CreditOS.Solution;

/// <summary>A solution file is malformed or inconsistent with the rest of the solution. The message names the file and the problem.</summary>
public sealed class SolutionFormatException : Exception
{
    public SolutionFormatException()
    {
    }

    public SolutionFormatException(string message)
        : base(message)
    {
    }

    public SolutionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SolutionFormatException(string file, string problem, Exception? innerException = null)
        : base($"{file}: {problem}", innerException)
    {
        File = file;
    }

    /// <summary>The file at fault, when one is.</summary>
    public string? File { get; }
}
