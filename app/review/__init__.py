"""The people's loop: a reviewer's actions on flagged entries, and what timebill learns from them.

``decide`` turns a person's choice into decisions (money always from the rules), ``service``
applies an action (record, write, learn), ``learning`` keeps the memory stage taught by
reviews, ``proposals`` turns repeated corrections into rule proposals, ``queue`` ranks the
flagged entries for the page, ``access`` issues and checks reviewer sign-in tokens.
No HTTP here: ``app/api/review.py`` is the web page over these.
"""
