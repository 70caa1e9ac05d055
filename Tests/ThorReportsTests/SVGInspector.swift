import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses an SVG with Foundation's XMLParser: proves it well-formed and
/// exposes its elements for geometry checks.
struct SVGInspector {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text: String

    func number(_ key: String) -> Double? {
      attributes[key].flatMap(Double.init)
    }
  }

  private(set) var elements: [Element] = []

  /// Parses `svg`; records an issue when it is not well-formed XML.
  init(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let collector = Collector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    let ok = parser.parse()
    #expect(
      ok, "SVG is not well-formed: \(String(describing: parser.parserError))",
      sourceLocation: sourceLocation)
    #expect(collector.root == "svg", sourceLocation: sourceLocation)
    elements = collector.elements
  }

  func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  /// Text elements whose content is exactly `content`.
  func texts(_ content: String) -> [Element] {
    all("text").filter { $0.text == content }
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    var root: String?
    private var open: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String,
      namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if root == nil { root = name }
      elements.append(Element(name: name, attributes: attributes, text: ""))
      open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      guard let index = open.last else { return }
      elements[index].text += string
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      open.removeLast()
    }
  }
}
