"""Pages of award decisions: the submission, the decision, its documents and certificates, revocation."""

urlpatterns = []
