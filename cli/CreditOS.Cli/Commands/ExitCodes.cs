namespace CreditOS.Cli.Commands;

/// <summary>The process exit codes every creditos command returns, so scripts can tell the failures apart.</summary>
public static class ExitCodes
{
    public const int Succeeded = 0;
    public const int FileNotFound = 2;
    public const int MalformedInput = 3;

    /// <summary>Dataverse refused a step of an import (the message says which and why).</summary>
    public const int ImportRefused = 4;
}
