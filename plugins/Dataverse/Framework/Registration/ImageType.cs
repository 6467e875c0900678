namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>Which snapshots of the row a step image provides.</summary>
public enum ImageType
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}
