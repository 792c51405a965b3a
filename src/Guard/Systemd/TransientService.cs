namespace Guard.Systemd;

/// <summary>What <see cref="ITransientUnitManager.StartTransientServiceAsync"/> starts.</summary>
/// <param name="Unit">The unit name, ending in <c>.service</c>.</param>
/// <param name="Description">Shown by <c>systemctl status</c>.</param>
/// <param name="Command">Absolute program path followed by its arguments (ExecStart).</param>
/// <param name="RuntimeMax">
/// systemd stops the unit after this long (<c>RuntimeMaxSec</c>) even if whoever started it died before stopping it.
/// </param>
public sealed record TransientService(string Unit, string Description, IReadOnlyList<string> Command, TimeSpan RuntimeMax);
