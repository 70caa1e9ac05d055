/// Accumulates SVG elements and renders a standalone SVG document.
///
/// Attributes keep the order given, and numbers go through ``NumberText``,
/// so the same chart always yields the same bytes.
struct SVGWriter {
  /// One attribute: name and unescaped value.
  typealias Attribute = (String, String)

  /// The font stack every chart uses.
  static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
  /// Average glyph width as a fraction of the font size (DejaVu Sans).
  static let glyphWidth = 0.6

  let width: Double
  let height: Double
  private var lines: [String] = []
  private var depth = 1

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Estimated width of `text` at `fontSize`, for layout.
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * glyphWidth
  }

  /// Opens a container element such as `g`.
  mutating func open(_ name: String, _ attributes: [Attribute] = []) {
    append("<\(name)\(Self.render(attributes))>")
    depth += 1
  }

  /// Closes the container element `name`.
  mutating func close(_ name: String) {
    depth -= 1
    append("</\(name)>")
  }

  /// Adds an element, with text content and a hover tooltip when given.
  mutating func element(
    _ name: String, _ attributes: [Attribute], text: String? = nil,
    tooltip: String? = nil
  ) {
    let head = "<\(name)\(Self.render(attributes))"
    switch (text, tooltip) {
    case (nil, nil): append(head + "/>")
    case (let text?, nil): append(head + ">\(text.xmlEscaped)</\(name)>")
    case (let text, let tooltip?):
      append(
        head + "><title>\(tooltip.xmlEscaped)</title>"
          + "\((text ?? "").xmlEscaped)</\(name)>")
    }
  }

  /// Adds a line segment.
  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
    width: Double = 1, dash: String? = nil
  ) {
    var attributes: [Attribute] = [
      ("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2)),
      ("stroke", stroke), ("stroke-width", n(width)),
    ]
    if let dash { attributes.append(("stroke-dasharray", dash)) }
    element("line", attributes)
  }

  /// Adds a rectangle.
  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String,
    stroke: String? = nil, strokeWidth: Double = 1, tooltip: String? = nil
  ) {
    var attributes: [Attribute] = [
      ("x", n(x)), ("y", n(y)), ("width", n(width)), ("height", n(height)),
      ("fill", fill),
    ]
    if let stroke {
      attributes += [("stroke", stroke), ("stroke-width", n(strokeWidth))]
    }
    element("rect", attributes, tooltip: tooltip)
  }

  /// Adds a text label; `rotate` turns it about its anchor point.
  mutating func text(
    _ content: String, x: Double, y: Double, size: Double = 12,
    anchor: String = "start", weight: String? = nil, fill: String = "#222",
    rotate: Double? = nil, baseline: String? = nil
  ) {
    var attributes: [Attribute] = [
      ("x", n(x)), ("y", n(y)), ("font-size", n(size)),
      ("text-anchor", anchor), ("fill", fill),
    ]
    if let weight { attributes.append(("font-weight", weight)) }
    if let baseline { attributes.append(("dominant-baseline", baseline)) }
    if let rotate {
      attributes.append(("transform", "rotate(\(n(rotate)) \(n(x)) \(n(y)))"))
    }
    element("text", attributes, text: content)
  }

  /// Renders the document with a white background and an accessible title.
  func document(title: String) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\""
    out += " width=\"\(n(width))\" height=\"\(n(height))\""
    out += " viewBox=\"0 0 \(n(width)) \(n(height))\""
    out += " font-family=\"\(Self.fontFamily)\">\n"
    out += "  <title>\(title.xmlEscaped)</title>\n"
    out += "  <rect x=\"0\" y=\"0\" width=\"\(n(width))\""
    out += " height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
    for line in lines { out += line + "\n" }
    out += "</svg>\n"
    return out
  }

  private mutating func append(_ line: String) {
    lines.append(String(repeating: "  ", count: depth) + line)
  }

  private static func render(_ attributes: [Attribute]) -> String {
    var out = ""
    for (name, value) in attributes {
      out += " \(name)=\"\(value.xmlEscaped)\""
    }
    return out
  }

  private func n(_ value: Double) -> String { NumberText.coordinate(value) }
}

extension SVGWriter {
  /// A small label with a white outline, readable over lines and grid.
  mutating func haloText(
    _ content: String, x: Double, y: Double, anchor: String,
    fill: String, size: Double = 11
  ) {
    element(
      "text",
      [
        ("x", NumberText.coordinate(x)), ("y", NumberText.coordinate(y)),
        ("font-size", NumberText.coordinate(size)), ("text-anchor", anchor),
        ("fill", fill), ("stroke", "#ffffff"), ("stroke-width", "3"),
        ("paint-order", "stroke"),
      ], text: content)
  }
}
