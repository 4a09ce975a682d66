# Registrations, initiatives and writing-contest entries arrive with their own issue.
