namespace Daft.Coordinator.Ledger;

/// <summary>
/// A database's schema is newer than this build of Daft knows (a newer Daft migrated it): reading it with the older
/// code could misread it and writing could corrupt it, so opening it fails with this instead.
/// </summary>
public sealed class LedgerSchemaException(string message) : InvalidOperationException(message);
