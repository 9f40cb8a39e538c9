"""The CRM side of timebill: clients, deals and their SOW documents read from HubSpot."""
