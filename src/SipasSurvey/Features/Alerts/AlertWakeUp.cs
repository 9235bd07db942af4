namespace SipasSurvey.Features.Alerts;

/// <summary>Tells the alert dispatcher that an alert was committed.</summary>
internal sealed class AlertWakeUp : Infrastructure.WakeUp;
