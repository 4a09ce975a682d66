# Score sheets, nominations, ballots and decisions arrive with their own issue.
