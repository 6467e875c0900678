namespace CreditOS.Solution.Packing;

/// <summary>
/// Platform messages a step may be registered on. Their sdkmessageid is the same in every Dataverse environment,
/// so an exported step names its message by that id.
/// </summary>
public static class SdkMessages
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string Assign = "Assign";
    public const string Merge = "Merge";
    public const string SetState = "SetState";
    public const string SetStateDynamicEntity = "SetStateDynamicEntity";
    public const string Retrieve = "Retrieve";
    public const string RetrieveMultiple = "RetrieveMultiple";

    private static readonly Dictionary<string, Guid> Ids = new(StringComparer.Ordinal)
    {
        [Assign] = new("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        [Create] = new("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        [Delete] = new("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["GrantAccess"] = new("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        [Merge] = new("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["ModifyAccess"] = new("dcbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        [Retrieve] = new("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        [RetrieveMultiple] = new("03bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["RevokeAccess"] = new("11bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        [SetState] = new("1cbebb1b-ea3e-db11-86a7-000a3a5473e8"),
        [SetStateDynamicEntity] = new("1dbebb1b-ea3e-db11-86a7-000a3a5473e8"),
        [Update] = new("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
    };

    public static IEnumerable<string> Names => Ids.Keys;

    public static bool TryGetId(string message, out Guid id) => Ids.TryGetValue(message, out id);

    /// <summary>Which images a message supports: Create has only post-images, Delete only pre-images.</summary>
    public static bool SupportsImage(string message, int imageType) => message switch
    {
        Create => imageType == ImageTypes.Post,
        Delete => imageType == ImageTypes.Pre,
        Update or Assign or Merge or SetState or SetStateDynamicEntity => true,
        _ => false,
    };

    /// <summary>The request property an image is taken from.</summary>
    public static string ImagePropertyName(string message) => message switch
    {
        Create => "id",
        SetState or SetStateDynamicEntity => "EntityMoniker",
        _ => "Target",
    };
}

/// <summary>Image type values as Dataverse stores them.</summary>
public static class ImageTypes
{
    public const int Pre = 0;
    public const int Post = 1;
    public const int Both = 2;
}

/// <summary>Stage values as Dataverse stores them.</summary>
public static class Stages
{
    public const int PreValidation = 10;
    public const int PreOperation = 20;
    public const int MainOperation = 30;
    public const int PostOperation = 40;
}
