"""The advisor's skills as rasa-sdk Actions. They take their searcher and knowledge through the constructor, run in
process in the chat service, and are served unchanged by the rasa-sdk action server."""
