namespace CreditOS.LocalDataverse.Security;

/// <summary>The eight table privileges of a Dataverse security role, named as in their privilege names (prvCreateAccount…).</summary>
public enum AccessRight
{
    Create,
    Read,
    Write,
    Delete,
    Append,
    AppendTo,
    Assign,
    Share,
}

/// <summary>How far a privilege reaches: the user's own rows, their business unit, its subtree, or the organization.</summary>
public enum PrivilegeDepth
{
    None = 0,

    /// <summary>User: rows the user (or a team of theirs) owns. Solution files say "Basic".</summary>
    Basic = 1,

    /// <summary>Business unit: rows owned in the user's business unit. Solution files say "Local".</summary>
    Local = 2,

    /// <summary>Parent: child business units: the user's business unit and those below it. Solution files say "Deep".</summary>
    Deep = 3,

    /// <summary>Organization. Solution files say "Global".</summary>
    Global = 4,
}
