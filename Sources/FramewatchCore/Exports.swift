// Users of the analysis API get the text types (Language, SegmentedText, Token) with it.
@_exported import FramewatchText
